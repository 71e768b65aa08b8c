package dev.microkit.events;

import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A reply channel of this instance, named {@code <group>.replies.<random id>}: opened on
 * the first request, so that an application that never sends one has no reply topic or
 * queue, or in the background as the application starts when asked to, and closed when
 * the application stops. A transport says how to open and close it.
 */
public abstract class AbstractReplyChannel implements ReplyChannel, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(AbstractReplyChannel.class);

	private final String address;

	private boolean openAtStart;

	private volatile boolean open;

	private volatile boolean running;

	protected AbstractReplyChannel(String group) {
		this.address = group + ".replies." + UUID.randomUUID();
	}

	@Override
	public final String address() {
		if (!this.open) {
			openOnce();
		}
		return this.address;
	}

	private synchronized void openOnce() {
		if (this.open) {
			return;
		}
		if (!this.running) {
			throw new IllegalStateException("Requests are sent only while the application runs");
		}
		open(this.address);
		this.open = true;
	}

	/**
	 * Sets whether to open the channel in the background as the application starts, so
	 * that the first request does not wait for it (on Kafka: the topic's creation and the
	 * consumer's first poll, about half a second).
	 * @param openAtStart whether to open it at start
	 */
	public void setOpenAtStart(boolean openAtStart) {
		this.openAtStart = openAtStart;
	}

	/**
	 * Makes the topic or queue and starts reading replies from it.
	 * @param address its name
	 */
	protected abstract void open(String address);

	/**
	 * Stops reading replies and removes the topic or queue.
	 * @param address its name
	 */
	protected abstract void close(String address);

	/**
	 * The channel's name, whether or not it is open yet.
	 * @return the topic or queue name
	 */
	public String name() {
		return this.address;
	}

	@Override
	public void start() {
		this.running = true;
		if (this.openAtStart) {
			Thread opener = new Thread(this::openQuietly, "microkit-events-reply-channel");
			opener.setDaemon(true);
			opener.start();
		}
	}

	private void openQuietly() {
		try {
			openOnce();
		}
		catch (RuntimeException ex) {
			if (!this.running) {
				return;
			}
			logger.warn("Reply channel " + this.address + " was not opened at start; the first request tries again: "
					+ ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.open) {
			this.open = false;
			close(this.address);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
