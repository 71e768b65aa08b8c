package dev.microkit.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.microkit.events.EventPublisher;
import dev.microkit.events.TopicRouter;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Throughput of microkit's {@link EventPublisher} against a raw {@link KafkaTemplate}
 * with the same producer settings (the starter's: {@code acks=all}, idempotence), the
 * same Jackson serialization of the same 1 KiB payload, to the same topic. Throughput
 * is events acknowledged per second when a batch of events is sent asynchronously, all
 * in flight at once, and the next batch follows when every acknowledgement of the last
 * one is in. They take turns, so that noise on a shared machine hits both.
 */
final class PublisherThroughput {

	static final String TYPE = "bench.published";

	static final int PAYLOAD_BYTES = 1024;

	private static final int KEYS = 1024;

	private final int batch;

	private final Duration round;

	private final int rounds;

	PublisherThroughput(int batch, Duration round, int rounds) {
		this.batch = batch;
		this.round = round;
		this.rounds = rounds;
	}

	Result run(ConfigurableApplicationContext context) {
		ObjectMapper mapper = context.getBean(ObjectMapper.class);
		BenchmarkEvent event = BenchmarkEvent.ofJsonSize(PAYLOAD_BYTES, mapper);
		EventPublisher publisher = context.getBean(EventPublisher.class);
		String topic = context.getBean(TopicRouter.class).topicFor(TYPE);
		KafkaTemplate<String, byte[]> raw = rawTemplate(context);
		Sender microkit = (key) -> publisher.publish(TYPE, key, event);
		Sender plain = (key) -> raw.send(topic, key, BenchmarkEvent.json(event, mapper));
		try {
			rate(plain, this.round);
			rate(microkit, this.round);
			double plainSum = 0;
			double microkitSum = 0;
			for (int i = 0; i < this.rounds; i++) {
				// ABBA: neither always goes first
				boolean plainFirst = i % 2 == 0;
				double first = rate(plainFirst ? plain : microkit, this.round);
				double second = rate(plainFirst ? microkit : plain, this.round);
				plainSum += plainFirst ? first : second;
				microkitSum += plainFirst ? second : first;
			}
			return new Result(microkitSum / this.rounds, plainSum / this.rounds, this.batch, this.rounds);
		}
		finally {
			raw.getProducerFactory().reset();
		}
	}

	@SuppressWarnings("unchecked")
	private static KafkaTemplate<String, byte[]> rawTemplate(ConfigurableApplicationContext context) {
		DefaultKafkaProducerFactory<String, byte[]> starters = context.getBean("microkitEventsProducerFactory",
				DefaultKafkaProducerFactory.class);
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(starters.getConfigurationProperties(),
				new StringSerializer(), new ByteArraySerializer()));
	}

	/**
	 * Sends batches for a while.
	 * @return events acknowledged per second
	 */
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
	record Result(double microkitPerSecond, double kafkaTemplatePerSecond, int batch, int rounds)
			implements ReportSection {

		double ratio() {
			return this.microkitPerSecond / this.kafkaTemplatePerSecond;
		}

		@Override
		public String key() {
			return "eventPublisherThroughput";
		}

		@Override
		public Object json() {
			return Map.of("microkitPerSecond", this.microkitPerSecond, "kafkaTemplatePerSecond",
					this.kafkaTemplatePerSecond, "ratio", ratio(), "payloadBytes", PAYLOAD_BYTES, "batch", this.batch,
					"rounds", this.rounds);
		}

		@Override
		public List<Target> targets() {
			return List.of(Target.atLeast("EventPublisher / raw KafkaTemplate, events/s (acks=all)", 0.95, ratio(),
					""));
		}

		@Override
		public String markdown() {
			return "## Event publisher throughput (events/s, " + PAYLOAD_BYTES + " B JSON, acks=all)\n\n"
					+ "Batches of " + this.batch + " sent asynchronously, each batch fully acknowledged before the "
					+ "next; " + this.rounds + " alternating rounds on one in-process KRaft broker, topic of "
					+ InProcessKafkaBroker.PARTITIONS + " partitions. The raw template has the starter's producer "
					+ "settings and serializes the same payload with the same ObjectMapper; microkit adds the "
					+ "CloudEvents headers, routing, metrics and the send observation.\n\n"
					+ "| raw KafkaTemplate | microkit EventPublisher | microkit / raw |\n|---:|---:|---:|\n| "
					+ Numbers.format(this.kafkaTemplatePerSecond) + " | " + Numbers.format(this.microkitPerSecond)
					+ " | " + Numbers.format(ratio()) + " |\n";
		}

	}

}
