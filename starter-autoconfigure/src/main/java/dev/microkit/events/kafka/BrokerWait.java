package dev.microkit.events.kafka;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Waits for a Kafka broker that did not answer at startup: repeats a check until it
 * passes, then runs what had to wait for it. Meanwhile the application serves what needs
 * no broker (sync calls, outbox writes) and its listeners report the reason. A check that
 * fails for another reason than an unanswered request ends the wait for good.
 */
final class BrokerWait {

	/**
	 * Time between two checks.
	 */
	static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(BrokerWait.class);

	private final Runnable check;

	private final Runnable whenAnswered;

	private final Thread thread;

	private volatile String problem;

	private BrokerWait(String problem, Runnable check, Runnable whenAnswered) {
		this.problem = problem;
		this.check = check;
		this.whenAnswered = whenAnswered;
		this.thread = new Thread(this::run, "microkit-events-broker-wait");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts waiting.
	 * @param problem why the broker is waited for
	 * @param check throws {@link KafkaUnreachableException} while the broker does not
	 * answer
	 * @param whenAnswered runs once the check has passed
	 * @return the wait
	 */
	static BrokerWait start(String problem, Runnable check, Runnable whenAnswered) {
		BrokerWait wait = new BrokerWait(problem, check, whenAnswered);
		wait.thread.start();
		return wait;
	}

	/**
	 * Why the broker is still waited for, or {@code null} once it answered.
	 * @return the problem
	 */
	String problem() {
		return this.problem;
	}

	private void run() {
		while (this.problem != null && !Thread.currentThread().isInterrupted()) {
			try {
				Thread.sleep(INTERVAL.toMillis());
				this.check.run();
				this.whenAnswered.run();
				this.problem = null;
				logger.info("Kafka answered: the event listeners started");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (KafkaUnreachableException ex) {
				this.problem = ex.getMessage();
			}
			catch (RuntimeException ex) {
				this.problem = ex.getMessage();
				logger.error("The event listeners cannot start: " + ex.getMessage(), ex);
				return;
			}
		}
	}

	/**
	 * Stops waiting, and waits for a check under way to end.
	 */
	void stop() {
		this.thread.interrupt();
		try {
			this.thread.join(DeadLetterTopics.TIMEOUT.toMillis() * 2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
