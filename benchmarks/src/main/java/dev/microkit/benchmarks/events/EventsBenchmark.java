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
import dev.microkit.testsupport.rabbitmq.RabbitMqServer;

import org.springframework.amqp.AmqpException;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The events benchmarks on one application, which pays its startup once: the publisher's
 * throughput, the latency from publishing to handling, and the outbox relay. Outside a
 * transaction its publisher sends directly, inside one it writes to the outbox.
 */
public final class EventsBenchmark {

	private static final List<Class<?>> HANDLERS = List.of(LatencyHandlers.class, ReplyingHandlers.class);

	private final PublisherThroughput publisher;

	private final PublishToHandleLatency latency;

	private final OutboxRelayThroughput outbox;

	private final RabbitPublisherThroughput rabbitPublisher;

	private final RequestReplyLatency requestReply;

	public EventsBenchmark(PublisherThroughput publisher, PublishToHandleLatency latency, OutboxRelayThroughput outbox,
			RabbitPublisherThroughput rabbitPublisher, RequestReplyLatency requestReply) {
		this.publisher = publisher;
		this.latency = latency;
		this.outbox = outbox;
		this.rabbitPublisher = rabbitPublisher;
		this.requestReply = requestReply;
	}

	public Results run() {
		// the shared broker starts before any application has set logging up
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		try (EventsDatabase database = EventsDatabase.postgresOrH2();
				ConfigurableApplicationContext context = EventsApplication.start(HANDLERS, properties(database))) {
			PublisherThroughput.Result publishing = this.publisher.run(context);
			PublishToHandleLatency.Result handling = this.latency.run(context, database.name());
			RequestReplyLatency.Result replies = this.requestReply.run(context, "Kafka");
			OutboxRelayThroughput.Result relaying = database.isPostgres() ? this.outbox.run(context)
					: OutboxRelayThroughput
						.skipped("PostgreSQL at " + PostgresServer.LOCAL.address() + " did not answer");
			context.close();
			handling = handling.withPollOnly(outboxPollOnly(database));
			RabbitFigures rabbit = onRabbitMq(database, publishing, handling);
			if (rabbit.requestReply() != null) {
				replies = replies.with(rabbit.requestReply());
			}
			return new Results(publishing, handling, relaying, rabbit.transports(), replies);
		}
	}

	/**
	 * Publish to handle through the outbox, on an application whose relay is not woken by
	 * commits: the figures before it was.
	 */
	private PublishToHandleLatency.Row outboxPollOnly(EventsDatabase database) {
		List<String> properties = new ArrayList<>(properties(database));
		properties.add("microkit.events.outbox.send-after-commit=false");
		try (ConfigurableApplicationContext context = EventsApplication.start(HANDLERS, properties)) {
			return this.latency.pollOnly(context);
		}
	}

	/**
	 * The same measurements on the local RabbitMQ, from an application that differs in
	 * {@code microkit.events.transport} only.
	 */
	private RabbitFigures onRabbitMq(EventsDatabase database, PublisherThroughput.Result kafkaPublishing,
			PublishToHandleLatency.Result kafkaLatency) {
		RabbitMqServer rabbitMq = RabbitMqServer.LOCAL;
		if (!rabbitMq.answers()) {
			return new RabbitFigures(TransportComparison.skipped(kafkaPublishing, kafkaLatency,
					"no RabbitMQ answered at " + rabbitMq.address()), null);
		}
		try (BenchmarkQueues queues = new BenchmarkQueues(rabbitMq);
				ConfigurableApplicationContext context = EventsApplication.start(HANDLERS,
						rabbitProperties(database, rabbitMq))) {
			queues.sink(RabbitPublisherThroughput.TYPE);
			RabbitPublisherThroughput.Result publishing = this.rabbitPublisher.run(context);
			PublishToHandleLatency.Result handling = this.latency.run(context, database.name());
			return new RabbitFigures(new TransportComparison(kafkaPublishing, kafkaLatency, publishing, handling, null),
					this.requestReply.requestReplyOnly(context, "RabbitMQ"));
		}
		catch (AmqpException ex) {
			// the Kafka figures measured so far still count, and the report says why
			// RabbitMQ's are missing (seen once: a channel Spring AMQP reopened while it
			// waited for confirms, spring-amqp#3625, made the broker close the
			// connection)
			return new RabbitFigures(TransportComparison.skipped(kafkaPublishing, kafkaLatency,
					"RabbitMQ failed during the run: " + ex.getMessage()), null);
		}
	}

	/**
	 * What the RabbitMQ application measured, when one answered.
	 */
	private record RabbitFigures(TransportComparison transports, RequestReplyLatency.Row requestReply) {
	}

	private static List<String> rabbitProperties(EventsDatabase database, RabbitMqServer rabbitMq) {
		List<String> properties = new ArrayList<>(database.properties());
		properties.addAll(rabbitMq.springProperties());
		properties.add("microkit.events.transport=rabbitmq");
		properties.add("microkit.events.group=" + BenchmarkQueues.GROUP);
		BenchmarkQueues.TOPICS
			.forEach((type, topic) -> properties.add("microkit.events.routes[" + type + "]=" + topic));
		properties.add("microkit.events.idempotency.store=jdbc");
		properties.add("spring.datasource.hikari.maximum-pool-size=20");
		return properties;
	}

	private static List<String> properties(EventsDatabase database) {
		List<String> properties = new ArrayList<>(database.properties());
		route(properties, PublisherThroughput.TYPE, "publisher-throughput");
		route(properties, LatencyHandlers.PLAIN, "latency-plain");
		route(properties, LatencyHandlers.STORED, "latency-stored");
		route(properties, LatencyHandlers.OUTBOXED, "latency-outboxed");
		route(properties, OutboxRelayThroughput.TYPE, "outbox-relay");
		route(properties, ReplyingHandlers.TYPE, "request-reply");
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
			OutboxRelayThroughput.Result outbox, TransportComparison transports,
			RequestReplyLatency.Result requestReply) implements ReportSection {

		private List<ReportSection> sections() {
			return List.of(this.publisher, this.latency, this.outbox, this.transports, this.requestReply);
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
