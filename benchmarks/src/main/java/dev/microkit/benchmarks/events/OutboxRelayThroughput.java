package dev.microkit.benchmarks.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microkit.benchmarks.measure.OpenLoopLoad;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.outbox.OutboxRelay;
import org.HdrHistogram.Histogram;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay on PostgreSQL with its default settings: first at a fixed write rate
 * (writers publish one event per transaction, as an application would, through the
 * outbox), how many events it relays per second and how old the oldest unsent row gets;
 * then how fast it drains a backlog written while it was stopped.
 */
public final class OutboxRelayThroughput {

	static final String TYPE = "bench.outboxed";

	private static final int KEYS = 1024;

	private static final int BACKLOG_WRITERS = 4;

	private static final int EVENTS_PER_BACKLOG_TRANSACTION = 100;

	private static final Duration LAG_SAMPLING = Duration.ofMillis(50);

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

	private static final String UNSENT = """
			SELECT COUNT(*) FROM microkit_outbox WHERE sent_at IS NULL AND failed_at IS NULL""";

	private static final String SENT = "SELECT COUNT(*) FROM microkit_outbox WHERE sent_at IS NOT NULL";

	private final int writeRate;

	private final int writers;

	private final Duration writing;

	private final int backlog;

	public OutboxRelayThroughput(int writeRate, int writers, Duration writing, int backlog) {
		this.writeRate = writeRate;
		this.writers = writers;
		this.writing = writing;
		this.backlog = backlog;
	}

	/**
	 * Measures on an application whose outbox is on PostgreSQL.
	 */
	Result run(ConfigurableApplicationContext context) {
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		EventPublisher publisher = context.getBean(EventPublisher.class);
		BenchmarkEvent event = BenchmarkEvent.ofJsonSize(PublisherThroughput.PAYLOAD_BYTES,
				context.getBean(ObjectMapper.class));
		Runnable write = () -> transactions.executeWithoutResult((status) -> publish(publisher, event));
		long sentBefore = count(jdbc, SENT);
		OldestUnsentSampler lag = new OldestUnsentSampler(jdbc, LAG_SAMPLING);
		long start = System.nanoTime();
		OpenLoopLoad.Outcome writes = new OpenLoopLoad(this.writeRate, this.writers).run(write, this.writing);
		double seconds = (System.nanoTime() - start) / 1e9;
		long relayed = count(jdbc, SENT) - sentBefore;
		Histogram ages = lag.stop();
		awaitDrained(jdbc);
		OutboxRelay relay = context.getBean(OutboxRelay.class);
		relay.stop();
		writeBacklog(transactions, publisher, event);
		long drainStart = System.nanoTime();
		relay.start();
		awaitDrained(jdbc);
		double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
		return new Result(null, this.writeRate, writes.latencies().getTotalCount(), writes.failures(),
				relayed / seconds, ages.getValueAtPercentile(99), ages.getMaxValue(), writes.percentileMillis(99),
				this.backlog, this.backlog / drainSeconds);
	}

	static Result skipped(String reason) {
		return new Result(reason, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	}

	private static void publish(EventPublisher publisher, BenchmarkEvent event) {
		String key = "order-" + ThreadLocalRandom.current().nextInt(KEYS);
		publisher.publish(TYPE, key, event.dueAt(System.nanoTime()));
	}

	private void writeBacklog(TransactionTemplate transactions, EventPublisher publisher, BenchmarkEvent event) {
		ExecutorService pool = Executors.newFixedThreadPool(BACKLOG_WRITERS);
		List<Future<?>> done = new ArrayList<>();
		for (int written = 0; written < this.backlog; written += EVENTS_PER_BACKLOG_TRANSACTION) {
			int events = Math.min(EVENTS_PER_BACKLOG_TRANSACTION, this.backlog - written);
			done.add(pool.submit(() -> transactions.executeWithoutResult((status) -> {
				for (int i = 0; i < events; i++) {
					publish(publisher, event);
				}
			})));
		}
		try {
			for (Future<?> transaction : done) {
				transaction.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not write the outbox backlog", ex);
		}
		finally {
			pool.shutdown();
		}
	}

	private static void awaitDrained(JdbcTemplate jdbc) {
		long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (count(jdbc, UNSENT) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The outbox relay did not drain the outbox in " + DRAIN_TIMEOUT);
			}
			sleep(20);
		}
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The relay's figures, or why they were not measured.
	 *
	 * @param skippedBecause why nothing was measured, or {@code null}
	 * @param writeRate events written per second, one per transaction
	 * @param written events written at that rate
	 * @param writeFailures transactions that failed
	 * @param relayedPerSecond events relayed per second meanwhile
	 * @param lagP99Millis 99th percentile of the oldest unsent row's age
	 * @param lagMaxMillis the oldest unsent row's greatest age
	 * @param writeP99Millis 99th percentile of a writing transaction's latency from when
	 * it was due
	 * @param backlog rows written while the relay was stopped
	 * @param drainPerSecond events per second relayed from that backlog
	 */
	record Result(String skippedBecause, int writeRate, long written, long writeFailures, double relayedPerSecond,
			double lagP99Millis, double lagMaxMillis, double writeP99Millis, int backlog,
			double drainPerSecond) implements ReportSection {

		static final double TARGET_PER_SECOND = 5_000;

		private static final String TARGET = "outbox relay, events/s draining a backlog";

		@Override
		public String key() {
			return "outboxRelay";
		}

		@Override
		public Object json() {
			if (this.skippedBecause != null) {
				return Map.of("skipped", this.skippedBecause);
			}
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("writeRatePerSecond", this.writeRate);
			json.put("written", this.written);
			json.put("writeFailures", this.writeFailures);
			json.put("relayedPerSecond", this.relayedPerSecond);
			json.put("lagP99Millis", this.lagP99Millis);
			json.put("lagMaxMillis", this.lagMaxMillis);
			json.put("writeP99Millis", this.writeP99Millis);
			json.put("backlog", this.backlog);
			json.put("drainPerSecond", this.drainPerSecond);
			return json;
		}

		@Override
		public List<Target> targets() {
			if (this.skippedBecause != null) {
				return List.of(new Target(TARGET, ">= " + Numbers.format(TARGET_PER_SECOND), "skipped", false));
			}
			return List.of(Target.atLeast(TARGET, TARGET_PER_SECOND, this.drainPerSecond, ""));
		}

		@Override
		public String markdown() {
			if (this.skippedBecause != null) {
				return "## Outbox relay\n\nSkipped: " + this.skippedBecause + ".\n";
			}
			return "## Outbox relay (PostgreSQL, " + PublisherThroughput.PAYLOAD_BYTES + " B events)\n\n"
					+ "Writers publish one event per transaction through the outbox at a fixed rate while the relay, "
					+ "with its default settings, sends them to the in-process broker; lag is the age of the oldest "
					+ "committed row not yet sent, sampled every " + LAG_SAMPLING.toMillis() + " ms. Then "
					+ this.backlog + " rows written while the relay was stopped are drained.\n\n"
					+ new MarkdownTable()
						.right("write rate (events/s)", "written", "write failures", "relayed (events/s)",
								"lag p99 (ms)", "lag max (ms)", "write p99 (ms)", "drain (events/s)")
						.row(this.writeRate, this.written, this.writeFailures, this.relayedPerSecond, this.lagP99Millis,
								this.lagMaxMillis, this.writeP99Millis, this.drainPerSecond);
		}

	}

}
