package dev.microkit.benchmarks.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microkit.benchmarks.measure.JitWarmUp;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.TopicRouter;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput of microkit's {@link EventPublisher} on RabbitMQ against a raw
 * {@link RabbitTemplate} on the same connection factory publishing the same CloudEvents
 * messages with the same guarantees: persistent, mandatory, each complete when its
 * publisher confirm arrives. Batches of events in flight at once, the next when every
 * confirm of the last is in; the two take turns in every round.
 */
public final class RabbitPublisherThroughput {

	static final String TYPE = "bench.rabbit-published";

	private static final int KEYS = 1024;

	private final int batch;

	private final Duration maxWarmUp;

	private final Duration round;

	private final int rounds;

	public RabbitPublisherThroughput(int batch, Duration maxWarmUp, Duration round, int rounds) {
		this.batch = batch;
		this.maxWarmUp = maxWarmUp;
		this.round = round;
		this.rounds = rounds;
	}

	Result run(ConfigurableApplicationContext context) {
		ObjectMapper mapper = context.getBean(ObjectMapper.class);
		BenchmarkEvent event = BenchmarkEvent.ofJsonSize(PublisherThroughput.PAYLOAD_BYTES, mapper);
		EventPublisher publisher = context.getBean(EventPublisher.class);
		String topic = context.getBean(TopicRouter.class).topicFor(TYPE);
		RabbitTemplate raw = new RabbitTemplate(context.getBean(ConnectionFactory.class));
		raw.setMandatory(true);
		Sender microkit = (key) -> publisher.publish(TYPE, key, event);
		Sender template = (key) -> confirmed(raw, topic, message(key, BenchmarkEvent.json(event, mapper)));
		List<Sender> senders = List.of(template, microkit);
		JitWarmUp warmUp = JitWarmUp.run(() -> senders.forEach((sender) -> rate(sender, this.round)),
				this.round.multipliedBy(senders.size()), this.maxWarmUp);
		List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>());
		for (int i = 0; i < this.rounds; i++) {
			for (int j = 0; j < senders.size(); j++) {
				int which = (i + j) % senders.size();
				rates.get(which).add(rate(senders.get(which), this.round));
			}
		}
		return new Result(Numbers.median(rates.get(1)), Numbers.median(rates.get(0)),
				Numbers.medianRatio(rates.get(1), rates.get(0)), this.batch, this.rounds, warmUp);
	}

	private static CompletableFuture<?> confirmed(RabbitTemplate template, String exchange, Message message) {
		CorrelationData correlation = new CorrelationData(message.getMessageProperties().getMessageId());
		template.send(exchange, TYPE, message, correlation);
		return correlation.getFuture().thenApply((confirm) -> {
			if (!confirm.isAck() || correlation.getReturned() != null) {
				throw new IllegalStateException("Not taken: " + confirm.getReason());
			}
			return confirm;
		});
	}

	/**
	 * The message an application would build for the same event without microkit: the
	 * CloudEvents AMQP binding's properties, a new id and time each.
	 */
	private static Message message(String key, byte[] json) {
		String id = UUID.randomUUID().toString();
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(id);
		properties.setHeader("cloudEvents_specversion", "1.0");
		properties.setHeader("cloudEvents_id", id);
		properties.setHeader("cloudEvents_type", TYPE);
		properties.setHeader("cloudEvents_source", "events-benchmark");
		properties.setHeader("cloudEvents_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
		properties.setHeader("cloudEvents_partitionkey", key);
		properties.setHeader("cloudEvents_authtype", "service_account");
		properties.setHeader("cloudEvents_authid", "events-benchmark");
		return new Message(json, properties);
	}

	private double rate(Sender sender, Duration duration) {
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long sent = 0;
		CompletableFuture<?>[] batch = new CompletableFuture<?>[this.batch];
		while (System.nanoTime() < end) {
			for (int i = 0; i < this.batch; i++) {
				batch[i] = sender.send("order-" + (sent++ % KEYS));
			}
			CompletableFuture.allOf(batch).join();
		}
		return sent * 1e9 / (System.nanoTime() - start);
	}

	@FunctionalInterface
	private interface Sender {

		CompletableFuture<?> send(String key);

	}

	/**
	 * Events per second of each, measured in the same run.
	 */
	record Result(double microkitPerSecond, double templatePerSecond, double ratio, int batch, int rounds,
			JitWarmUp warmUp) implements ReportSection {

		@Override
		public String key() {
			return "rabbitPublisherThroughput";
		}

		@Override
		public Object json() {
			return Map.of("microkitPerSecond", this.microkitPerSecond, "rabbitTemplatePerSecond",
					this.templatePerSecond, "ratio", this.ratio, "payloadBytes", PublisherThroughput.PAYLOAD_BYTES,
					"batch", this.batch, "rounds", this.rounds, "warmUpSeconds", this.warmUp.seconds());
		}

		@Override
		public List<Target> targets() {
			return List.of(Target.atLeast(
					"EventPublisher on RabbitMQ / raw RabbitTemplate with confirms, same CloudEvents messages", 0.95,
					this.ratio, ""));
		}

		@Override
		public String markdown() {
			return "## Event publisher throughput on RabbitMQ (events/s, " + PublisherThroughput.PAYLOAD_BYTES
					+ " B JSON, publisher confirms)\n\n" + "Batches of " + this.batch
					+ " sent asynchronously, each batch fully confirmed before the next; medians of " + this.rounds
					+ " rounds in which the two take turns, the ratio the median of the ratios within a round, after "
					+ this.warmUp.describe() + ", on the local RabbitMQ. The raw template shares microkit's "
					+ "connection factory and publishes the same persistent, mandatory CloudEvents messages with a "
					+ "correlated confirm each; microkit adds routing, its publish counter and the one ordered "
					+ "channel that keeps each key's events in order.\n\n"
					+ new MarkdownTable().right("raw RabbitTemplate", "microkit EventPublisher", "microkit / raw")
						.row(this.templatePerSecond, this.microkitPerSecond, this.ratio);
		}

	}

}
