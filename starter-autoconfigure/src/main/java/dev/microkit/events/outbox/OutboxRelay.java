package dev.microkit.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.microkit.events.EventSender;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.PublishedEvent;

/**
 * Sends outbox rows to the broker. Each pass, in one database transaction, locks a few
 * shards no other relay holds ({@code FOR UPDATE SKIP LOCKED}), sends their oldest unsent
 * rows, shard after shard and in id order within a shard, waits for the broker's
 * acknowledgements and marks the rows sent up to the first one that failed. The rest are
 * sent again, in the same order, after a back-off: events are never lost or reordered per
 * key, and a row is sent twice only when a pass failed halfway. Several instances relay
 * at once, each on other shards. The SQL lives in {@link OutboxTable}; this class runs
 * the passes and the thread that repeats them.
 * <p>
 * A pass starts when a transaction of this application that wrote rows commits (see
 * {@link OutboxWakeUps}), on the shards it wrote to, or else every poll interval: the
 * poll is the safety net for rows no wake-up announced.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final Duration FIGURES_INTERVAL = Duration.ofSeconds(1);

	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

	/**
	 * Shards a pass works on while events flow, so that several relays make progress side
	 * by side. After a pass that found nothing the next one looks at every shard: an idle
	 * relay would otherwise reach a shard only every fourth poll interval, and an event
	 * written then would wait that long.
	 */
	static final int SHARDS_PER_PASS = 4;

	private final OutboxTable table;

	private final OutboxFigures figures;

	private final TransactionTemplate transactions;

	private final EventSender eventSender;

	private final EventsProperties.Outbox settings;

	private final OutboxSender sender;

	private final Clock clock;

	private final OutboxWakeUps wakeUps;

	private int shardsNextPass = OutboxWriter.SHARDS;

	private volatile Thread worker;

	private volatile boolean running;

	public OutboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, EventSender eventSender,
			EventsProperties.Outbox settings, OutboxTracing tracing, EventsMetrics metrics, MeterRegistry meterRegistry,
			Clock clock, OutboxWakeUps wakeUps) {
		this.table = new OutboxTable(jdbc);
		this.figures = new OutboxFigures(this.table, clock, meterRegistry);
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.eventSender = eventSender;
		this.settings = settings;
		this.sender = new OutboxSender(eventSender, tracing, metrics, settings.getSendTimeout());
		this.clock = clock;
		this.wakeUps = wakeUps;
	}

	/**
	 * Sends one batch: locks a few shards, makes the broker ready for the batch's topics,
	 * sends each shard's rows in id order until one is refused, waits for the
	 * acknowledgements, and marks the acknowledged rows up to the first failure as sent.
	 * A row refused for good is parked; any other failure is reported after the
	 * acknowledged rows are committed.
	 * @return how many events were sent
	 */
	public int relayOnce() {
		int woken = this.wakeUps.take();
		PassResult result = this.transactions.execute((status) -> {
			List<Integer> shards = (woken != 0) ? lockWoken(woken) : this.table.lockShards(this.shardsNextPass);
			if (shards.isEmpty()) {
				return PassResult.NOTHING;
			}
			List<OutboxRow> rows = this.table.unsent(shards, this.settings.getBatchSize());
			if (rows.isEmpty()) {
				return PassResult.NOTHING;
			}
			this.eventSender.prepare(rows.stream().map((row) -> row.event().topic()).distinct().toList());
			return settle(rows, this.sender.sendInOrder(rows));
		});
		int sent = (result != null) ? result.sent() : 0;
		this.shardsNextPass = (sent > 0) ? SHARDS_PER_PASS : OutboxWriter.SHARDS;
		if (result != null && result.failure() != null) {
			throw new IllegalStateException(brokerName() + " did not take outbox event " + result.failedEventId() + " ("
					+ result.sent() + " sent before it)", result.failure());
		}
		return sent;
	}

	/**
	 * Locks the woken shards no other relay holds. A shard another relay holds is woken
	 * again: that relay may have read its rows before the wake-up's commit.
	 */
	private List<Integer> lockWoken(int woken) {
		List<Integer> shards = this.table.lockShards(OutboxWakeUps.shards(woken));
		this.wakeUps.wakeLater(woken & ~OutboxWakeUps.mask(shards));
		return shards;
	}

	private String brokerName() {
		return "kafka".equals(this.eventSender.transport()) ? "Kafka" : "RabbitMQ";
	}

	/**
	 * Marks the acknowledged rows before the first failure as sent; later rows, even if
	 * acknowledged, are sent again next time, so that no key's order depends on a gap.
	 */
	private PassResult settle(List<OutboxRow> rows, List<CompletableFuture<PublishedEvent>> sends) {
		Instant now = this.clock.instant();
		List<Long> sent = new ArrayList<>();
		for (int i = 0; i < sends.size(); i++) {
			Throwable failure = SendFailures.failureOf(sends.get(i));
			if (failure != null) {
				this.table.markSent(sent, now);
				OutboxRow row = rows.get(i);
				if (this.eventSender.isPermanent(failure)) {
					String error = SendFailures.describe(failure);
					this.table.park(row.id(), error, now);
					logger.error("Outbox event " + row.event().id() + " of type '" + row.event().type() + "' parked: "
							+ brokerName() + " refuses it for good (" + error + ")");
					return new PassResult(sent.size(), null, null);
				}
				return new PassResult(sent.size(), failure, row.event().id());
			}
			sent.add(rows.get(i).id());
		}
		this.table.markSent(sent, now);
		return new PassResult(sent.size(), null, null);
	}

	/**
	 * Deletes rows sent longer ago than the retention.
	 * @return how many were deleted
	 */
	int deleteSent() {
		return this.table.deleteSentBefore(this.clock.instant().minus(this.settings.getRetention()));
	}

	/**
	 * The backlog as of the last refresh, which this relay's thread keeps current.
	 */
	OutboxFigures figures() {
		return this.figures;
	}

	private void run() {
		long failures = 0;
		long nextFigures = 0;
		long nextCleanup = 0;
		while (this.running) {
			try {
				int sent = relayOnce();
				failures = 0;
				long now = System.nanoTime();
				if (now - nextFigures >= 0) {
					this.figures.refresh();
					nextFigures = now + FIGURES_INTERVAL.toNanos();
				}
				if (now - nextCleanup >= 0) {
					deleteSent();
					nextCleanup = now + CLEANUP_INTERVAL.toNanos();
				}
				if (sent == 0) {
					pauseUntilWoken(this.settings.getPollInterval());
				}
			}
			catch (RuntimeException ex) {
				failures++;
				Duration backoff = backoff(failures);
				logger.warn("Outbox relay failed (attempt " + failures + "); trying again in " + backoff.toMillis()
						+ " ms: " + ex.getMessage());
				this.figures.refreshWhileFailing();
				pause(backoff);
			}
		}
	}

	private Duration backoff(long failures) {
		long millis = this.settings.getPollInterval().toMillis() << Math.min(failures, 16);
		return Duration.ofMillis(Math.min(millis, this.settings.getMaxBackoff().toMillis()));
	}

	private void pauseUntilWoken(Duration duration) {
		if (this.wakeUps.pause(duration)) {
			this.running = false;
		}
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	@Override
	public synchronized void start() {
		this.table.ensureShards();
		this.running = true;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("microkit-outbox-relay-");
		threads.setDaemon(true);
		this.worker = threads.newThread(this::run);
		this.wakeUps.relayThread(this.worker);
		this.worker.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			LockSupport.unpark(thread);
			// not interrupted: an interrupt during JDBC I/O can close the connection
			try {
				thread.join(this.settings.getSendTimeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record PassResult(int sent, Throwable failure, String failedEventId) {

		static final PassResult NOTHING = new PassResult(0, null, null);

	}

}
