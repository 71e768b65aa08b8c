package dev.microkit.benchmarks.events;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.Plots;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.outbox.OutboxRelay;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Latency from publishing to handling at a fixed rate, from the moment an event was due
 * to be published to the moment its {@code @EventHandler} ran, with and without the
 * idempotent consumer's database store — two handlers of one application on topics of
 * their own, taking turns.
 */
public final class PublishToHandleLatency {

	static final String OUTBOX_WOKEN = "through the outbox";

	static final String OUTBOX_POLLED = "through the outbox, poll only";

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	private final int rate;

	private final Duration warmUp;

	private final Duration round;

	private final int rounds;

	public PublishToHandleLatency(int rate, Duration warmUp, Duration round, int rounds) {
		this.rate = rate;
		this.warmUp = warmUp;
		this.round = round;
		this.rounds = rounds;
	}

	/**
	 * Measures on an application with {@link LatencyHandlers} and the database store.
	 * @param database the store's database, as the report names it
	 */
	Result run(ConfigurableApplicationContext context, String database) {
		await(context.getBean(EventListeners.class)::isAssigned, "partitions assigned");
		LatencyHandlers handlers = context.getBean(LatencyHandlers.class);
		FixedRatePublishing publishing = publishing(context);
		FixedRatePublishing outboxed = hasOutbox(context) ? outboxed(context, publishing) : null;
		round(publishing, LatencyHandlers.PLAIN, handlers.plain, this.warmUp);
		round(publishing, LatencyHandlers.STORED, handlers.stored, this.warmUp);
		if (outboxed != null) {
			round(outboxed, LatencyHandlers.OUTBOXED, handlers.outboxed, this.warmUp);
		}
		Histogram plain = new Histogram(3);
		Histogram stored = new Histogram(3);
		Histogram viaOutbox = new Histogram(3);
		for (int i = 0; i < this.rounds; i++) {
			boolean plainFirst = i % 2 == 0;
			if (plainFirst) {
				plain.add(round(publishing, LatencyHandlers.PLAIN, handlers.plain, this.round));
			}
			stored.add(round(publishing, LatencyHandlers.STORED, handlers.stored, this.round));
			if (outboxed != null) {
				viaOutbox.add(round(outboxed, LatencyHandlers.OUTBOXED, handlers.outboxed, this.round));
			}
			if (!plainFirst) {
				plain.add(round(publishing, LatencyHandlers.PLAIN, handlers.plain, this.round));
			}
		}
		return new Result(database, this.rate, Row.of("without store", plain), Row.of("with JDBC store", stored),
				(outboxed != null) ? Row.of(OUTBOX_WOKEN, viaOutbox) : null, null, publishing.failures());
	}

	/**
	 * Measures events through the outbox only, on an application whose relay finds rows
	 * by its poll alone ({@code microkit.events.outbox.send-after-commit=false}): the
	 * figures before the relay was woken by commits.
	 */
	Row pollOnly(ConfigurableApplicationContext context) {
		await(context.getBean(EventListeners.class)::isAssigned, "partitions assigned");
		LatencyHandlers handlers = context.getBean(LatencyHandlers.class);
		FixedRatePublishing outboxed = outboxed(context, publishing(context));
		round(outboxed, LatencyHandlers.OUTBOXED, handlers.outboxed, this.warmUp);
		Histogram latencies = new Histogram(3);
		for (int i = 0; i < this.rounds; i++) {
			latencies.add(round(outboxed, LatencyHandlers.OUTBOXED, handlers.outboxed, this.round));
		}
		return Row.of(OUTBOX_POLLED, latencies);
	}

	private FixedRatePublishing publishing(ConfigurableApplicationContext context) {
		return new FixedRatePublishing(context.getBean(EventPublisher.class),
				BenchmarkEvent.ofJsonSize(PublisherThroughput.PAYLOAD_BYTES, context.getBean(ObjectMapper.class)),
				this.rate);
	}

	private static FixedRatePublishing outboxed(ConfigurableApplicationContext context,
			FixedRatePublishing publishing) {
		return publishing.inTransactions(new TransactionTemplate(context.getBean(PlatformTransactionManager.class)));
	}

	private static boolean hasOutbox(ConfigurableApplicationContext context) {
		return context.getBeanProvider(OutboxRelay.class).getIfAvailable() != null;
	}

	private Histogram round(FixedRatePublishing publishing, String type, LatencyHandlers.Variant variant,
			Duration duration) {
		variant.takeLatencies();
		long before = variant.handled();
		long published = publishing.publish(type, duration);
		await(() -> variant.handled() - before >= published, published + " events of " + type + " handled");
		return variant.takeLatencies();
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not in " + DRAIN_TIMEOUT.toSeconds() + " s: " + what);
			}
			sleep(10);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Latencies of one handler, in milliseconds.
	 */
	record Row(String handler, double p50Millis, double p99Millis, double p999Millis, double maxMillis, long events) {

		static Row of(String handler, Histogram micros) {
			return new Row(handler, millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(99)),
					millis(micros.getValueAtPercentile(99.9)), millis(micros.getMaxValue()), micros.getTotalCount());
		}

		private static double millis(long micros) {
			return micros / (double) TimeUnit.MILLISECONDS.toMicros(1);
		}

	}

	/**
	 * Both handlers' latencies, measured in the same run.
	 *
	 * @param publishFailures events the broker did not acknowledge
	 */
	record Result(String database, int rate, Row withoutStore, Row withStore, Row viaOutbox, Row viaOutboxPollOnly,
			long publishFailures) implements ReportSection {

		/**
		 * These figures with those of the outbox whose relay only polls.
		 */
		Result withPollOnly(Row pollOnly) {
			return new Result(this.database, this.rate, this.withoutStore, this.withStore, this.viaOutbox, pollOnly,
					this.publishFailures);
		}

		double p50Ratio() {
			return this.withStore.p50Millis() / this.withoutStore.p50Millis();
		}

		double p99Ratio() {
			return this.withStore.p99Millis() / this.withoutStore.p99Millis();
		}

		@Override
		public String key() {
			return "eventLatency";
		}

		@Override
		public Object json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("database", this.database);
			json.put("ratePerSecond", this.rate);
			json.put("withoutStore", this.withoutStore);
			json.put("withStore", this.withStore);
			json.put("viaOutbox", this.viaOutbox);
			json.put("viaOutboxPollOnly", this.viaOutboxPollOnly);
			json.put("p50Ratio", p50Ratio());
			json.put("p99Ratio", p99Ratio());
			json.put("publishFailures", this.publishFailures);
			return json;
		}

		@Override
		public List<Target> targets() {
			if (this.viaOutbox == null) {
				return List.of();
			}
			String what = "outbox publish to handle at " + this.rate + "/s, ";
			return List.of(Target.atMost(what + "p50", 15, this.viaOutbox.p50Millis(), " ms"),
					Target.atMost(what + "p99", 50, this.viaOutbox.p99Millis(), " ms"));
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder();
			md.append("## Publish to handle latency (ms, ").append(this.rate).append(" events/s)\n\n");
			md.append("From the moment an event was due to be published to the moment its @EventHandler ran, ")
				.append("at a fixed rate, on the in-process broker; the store of handled event ids is on ")
				.append(this.database)
				.append(". The handlers took turns. Through the outbox, each event is published in a ")
				.append("transaction of its own on the same database, and the relay sends it; \"poll only\" is ")
				.append("another application with `microkit.events.outbox.send-after-commit=false`, measured ")
				.append("after the first.\n\n");
			MarkdownTable table = new MarkdownTable().left("handler").right("p50", "p99", "p99.9", "max", "events");
			for (Row row : rows()) {
				table.row(row.handler(), row.p50Millis(), row.p99Millis(), row.p999Millis(), row.maxMillis(),
						row.events());
			}
			md.append(table);
			md.append("\nWith store / without: p50 ")
				.append(Numbers.format(p50Ratio()))
				.append(", p99 ")
				.append(Numbers.format(p99Ratio()))
				.append(".\n");
			return md.append("\n![publish to handle latency](event-latency.png)\n").toString();
		}

		@Override
		public void plot(Path directory) throws IOException {
			CategoryChart chart = Plots.bars(800, 450, "Publish to handle latency at " + this.rate + " events/s",
					"handler", "ms");
			Plots.percentiles(chart, rows(), Row::handler, Row::p50Millis, Row::p99Millis, Row::p999Millis);
			Plots.save(chart, directory, "event-latency.png");
		}

		private List<Row> rows() {
			List<Row> rows = new ArrayList<>(List.of(this.withoutStore, this.withStore));
			if (this.viaOutbox != null) {
				rows.add(this.viaOutbox);
			}
			if (this.viaOutboxPollOnly != null) {
				rows.add(this.viaOutboxPollOnly);
			}
			return rows;
		}

	}

}
