package dev.microkit.benchmarks.events;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;
import dev.microkit.testsupport.postgres.PostgresServer;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The events benchmarks on one application, which pays its startup once: the publisher's
 * throughput, the latency from publishing to handling, and the outbox relay. Outside a
 * transaction its publisher sends directly, inside one it writes to the outbox.
 */
public final class EventsBenchmark {

	private final PublisherThroughput publisher;

	private final PublishToHandleLatency latency;

	private final OutboxRelayThroughput outbox;

	public EventsBenchmark(PublisherThroughput publisher, PublishToHandleLatency latency,
			OutboxRelayThroughput outbox) {
		this.publisher = publisher;
		this.latency = latency;
		this.outbox = outbox;
	}

	public Results run() {
		// the shared broker starts before any application has set logging up
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		try (EventsDatabase database = EventsDatabase.postgresOrH2();
				ConfigurableApplicationContext context = EventsApplication.start(List.of(LatencyHandlers.class),
						properties(database))) {
			PublisherThroughput.Result publishing = this.publisher.run(context);
			PublishToHandleLatency.Result handling = this.latency.run(context, database.name());
			OutboxRelayThroughput.Result relaying = database.isPostgres() ? this.outbox.run(context)
					: OutboxRelayThroughput
						.skipped("PostgreSQL at " + PostgresServer.LOCAL.address() + " did not answer");
			return new Results(publishing, handling, relaying);
		}
	}

	private static List<String> properties(EventsDatabase database) {
		List<String> properties = new ArrayList<>(database.properties());
		route(properties, PublisherThroughput.TYPE, "publisher-throughput");
		route(properties, LatencyHandlers.PLAIN, "latency-plain");
		route(properties, LatencyHandlers.STORED, "latency-stored");
		route(properties, OutboxRelayThroughput.TYPE, "outbox-relay");
		properties.add("microkit.events.idempotency.store=jdbc");
		properties.add("microkit.events.concurrency=" + InProcessKafkaBroker.PARTITIONS);
		properties.add("microkit.events.outbox.enabled=true");
		properties.add("spring.datasource.hikari.maximum-pool-size=20");
		return properties;
	}

	private static void route(List<String> properties, String type, String topicPrefix) {
		properties.add("microkit.events.routes[" + type + "]=" + InProcessKafkaBroker.shared().newTopic(topicPrefix));
	}

	/**
	 * The three sections' figures, under one member of {@code results.json}.
	 */
	record Results(PublisherThroughput.Result publisher, PublishToHandleLatency.Result latency,
			OutboxRelayThroughput.Result outbox) implements ReportSection {

		private List<ReportSection> sections() {
			return List.of(this.publisher, this.latency, this.outbox);
		}

		@Override
		public String key() {
			return "events";
		}

		@Override
		public Object json() {
			Map<String, Object> json = new LinkedHashMap<>();
			sections().forEach((section) -> json.put(section.key(), section.json()));
			return json;
		}

		@Override
		public String markdown() {
			return String.join("\n", sections().stream().map(ReportSection::markdown).toList());
		}

		@Override
		public List<Target> targets() {
			return sections().stream().flatMap((section) -> section.targets().stream()).toList();
		}

		@Override
		public void plot(Path directory) throws IOException {
			for (ReportSection section : sections()) {
				section.plot(directory);
			}
		}

	}

}
