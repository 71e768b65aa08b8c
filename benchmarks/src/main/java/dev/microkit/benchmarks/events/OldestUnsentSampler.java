package dev.microkit.benchmarks.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Samples the relay's lag while it runs: the age of the oldest committed outbox row not
 * yet sent, zero when every row is sent.
 */
final class OldestUnsentSampler implements AutoCloseable {

	private static final String OLDEST_UNSENT = """
			SELECT MIN(created_at) FROM microkit_outbox WHERE sent_at IS NULL AND failed_at IS NULL""";

	private final JdbcTemplate jdbc;

	private final Histogram ageMillis = new Histogram(3);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	OldestUnsentSampler(JdbcTemplate jdbc, Duration interval) {
		this.jdbc = jdbc;
		this.scheduler.scheduleAtFixedRate(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void sample() {
		Timestamp oldest = this.jdbc.queryForObject(OLDEST_UNSENT, Timestamp.class);
		long age = (oldest != null) ? Duration.between(oldest.toInstant(), Instant.now()).toMillis() : 0;
		synchronized (this.ageMillis) {
			this.ageMillis.recordValue(Math.max(0, age));
		}
	}

	/**
	 * Stops sampling.
	 * @return the ages sampled, in milliseconds
	 */
	Histogram stop() {
		close();
		synchronized (this.ageMillis) {
			return this.ageMillis.copy();
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
