package dev.microkit.events.idempotency;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Forgets handled event ids older than {@code microkit.events.idempotency.retention},
 * checking every tenth of the retention (at most hourly). A redelivery older than the
 * retention would be handled again; Kafka redelivers within minutes, not days.
 */
public class ProcessedEventsRetention implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ProcessedEventsRetention.class);

	private static final Duration MAX_INTERVAL = Duration.ofHours(1);

	private final JdbcProcessedEventStore store;

	private final Duration retention;

	private ScheduledExecutorService scheduler;

	public ProcessedEventsRetention(JdbcProcessedEventStore store, Duration retention) {
		this.store = store;
		this.retention = retention;
	}

	@Override
	public synchronized void start() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("microkit-processed-events-retention-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
		long interval = Math.max(1, Math.min(this.retention.dividedBy(10).toMillis(), MAX_INTERVAL.toMillis()));
		this.scheduler.scheduleWithFixedDelay(this::forget, interval, interval, TimeUnit.MILLISECONDS);
	}

	private void forget() {
		try {
			this.store.forgetOlderThan(this.retention);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete handled event ids older than " + this.retention, ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
