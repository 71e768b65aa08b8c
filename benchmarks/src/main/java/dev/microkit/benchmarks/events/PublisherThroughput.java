package dev.microkit.benchmarks.events;

import java.nio.charset.StandardCharsets;
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
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Throughput of microkit's {@link EventPublisher} against a raw {@link KafkaTemplate}
 * sending the bare payload and sending the same CloudEvents records, with the same
 * producer settings (the starter's: {@code acks=all}, idempotence), the same Jackson
 * serialization of the same 1 KiB payload, to the same topic. Throughput is events
 * acknowledged per second when a batch of events is sent asynchronously, all in flight at
 * once, and the next batch follows when every acknowledgement of the last one is in. They
 * take turns in every round, so that noise on a shared machine hits all three.
 */
public final class PublisherThroughput {

	static final String TYPE = "bench.published";

	static final int PAYLOAD_BYTES = 1024;

	private static final int KEYS = 1024;

	private final int batch;

	private final Duration maxWarmUp;

	private final Duration round;

	private final int rounds;

	/**
	 * @param batch events in flight at once
	 * @param maxWarmUp the longest warm-up: the senders take turns, uncounted, until the
	 * JIT compiler has been idle (see {@link JitWarmUp}); before, rates climb from round
	 * to round as the producer's and the in-process broker's code gets compiled
	 * @param round how long each sender sends in a round
	 * @param rounds rounds that are counted
	 */
	public PublisherThroughput(int batch, Duration maxWarmUp, Duration round, int rounds) {
		this.batch = batch;
		this.maxWarmUp = maxWarmUp;
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
		Sender enveloped = (key) -> raw.send(cloudEvent(topic, key, BenchmarkEvent.json(event, mapper)));
		List<Sender> senders = List.of(plain, enveloped, microkit);
		try {
			JitWarmUp warmUp = JitWarmUp.run(() -> senders.forEach((sender) -> rate(sender, this.round)),
					this.round.multipliedBy(senders.size()), this.maxWarmUp);
			List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
			for (int i = 0; i < this.rounds; i++) {
				// each round starts with another one, so that none always goes first
				for (int j = 0; j < senders.size(); j++) {
					int which = (i + j) % senders.size();
					rates.get(which).add(rate(senders.get(which), this.round));
				}
			}
			return new Result(Numbers.median(rates.get(2)), Numbers.median(rates.get(0)), Numbers.median(rates.get(1)),
					Numbers.medianRatio(rates.get(2), rates.get(1)), Numbers.medianRatio(rates.get(2), rates.get(0)),
					this.batch, this.rounds, warmUp);
		}
		finally {
			raw.getProducerFactory().reset();
		}
	}

	/**
	 * A template as an application's own KafkaTemplate bean is: it records Spring Kafka's
	 * send timer in the application's registry, as microkit's template does.
	 */
	@SuppressWarnings("unchecked")
	private static KafkaTemplate<String, byte[]> rawTemplate(ConfigurableApplicationContext context) {
		DefaultKafkaProducerFactory<String, byte[]> starters = context.getBean("microkitEventsProducerFactory",
				DefaultKafkaProducerFactory.class);
		KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
				starters.getConfigurationProperties(), new StringSerializer(), new ByteArraySerializer()));
		template.setApplicationContext(context);
		template.afterSingletonsInstantiated();
		return template;
	}

	/**
	 * The record an application would build for the same event without microkit: the
	 * CloudEvents binary-mode headers of the contract and the producer's identity (Auth
	 * Context extension), a new id and time each.
	 */
	private static ProducerRecord<String, byte[]> cloudEvent(String topic, String key, byte[] json) {
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_specversion", bytes("1.0"));
		headers.add("ce_id", bytes(UUID.randomUUID().toString()));
		headers.add("ce_type", bytes(TYPE));
		headers.add("ce_source", bytes("events-benchmark"));
		headers.add("ce_time", bytes(OffsetDateTime.now(ZoneOffset.UTC).toString()));
		headers.add("content-type", bytes("application/json"));
		headers.add("ce_authtype", bytes("service_account"));
		headers.add("ce_authid", bytes("events-benchmark"));
		return new ProducerRecord<>(topic, null, key, json, headers);
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
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
	record Result(double microkitPerSecond, double kafkaTemplatePerSecond, double cloudEventsTemplatePerSecond,
			double ratio, double ratioToBarePayload, int batch, int rounds, JitWarmUp warmUp) implements ReportSection {

		@Override
		public String key() {
			return "eventPublisherThroughput";
		}

		@Override
		public Object json() {
			return Map.ofEntries(Map.entry("microkitPerSecond", this.microkitPerSecond),
					Map.entry("kafkaTemplatePerSecond", this.kafkaTemplatePerSecond),
					Map.entry("cloudEventsTemplatePerSecond", this.cloudEventsTemplatePerSecond),
					Map.entry("ratio", this.ratio), Map.entry("ratioToBarePayload", this.ratioToBarePayload),
					Map.entry("payloadBytes", PAYLOAD_BYTES), Map.entry("batch", this.batch),
					Map.entry("rounds", this.rounds), Map.entry("warmUpSeconds", this.warmUp.seconds()),
					Map.entry("warmUpJitIdle", this.warmUp.jitIdle()));
		}

		@Override
		public List<Target> targets() {
			return List.of(Target.atLeast("EventPublisher / raw KafkaTemplate with the same CloudEvents records", 0.95,
					this.ratio, ""));
		}

		@Override
		public String markdown() {
			return "## Event publisher throughput (events/s, " + PAYLOAD_BYTES + " B JSON, acks=all)\n\n"
					+ "Batches of " + this.batch + " sent asynchronously, each batch fully acknowledged before the "
					+ "next; medians of " + this.rounds
					+ " rounds in which the three take turns, each ratio the median of "
					+ "the ratios within a round, after " + this.warmUp.describe()
					+ ", on one in-process KRaft broker, topic of " + InProcessKafkaBroker.PARTITIONS
					+ " partitions. The raw template has the starter's producer "
					+ "settings and serializes the same payload with the same ObjectMapper, once bare and once in "
					+ "the CloudEvents binary-mode headers of the contract (a new id and time each, as an application "
					+ "would build them); microkit adds routing and its publish counter. All record Spring Kafka's send "
					+ "timer, as a KafkaTemplate bean does.\n\n"
					+ new MarkdownTable()
						.right("raw KafkaTemplate, bare payload", "raw KafkaTemplate, CloudEvents record",
								"microkit EventPublisher", "microkit / CloudEvents record", "microkit / bare payload")
						.row(this.kafkaTemplatePerSecond, this.cloudEventsTemplatePerSecond, this.microkitPerSecond,
								this.ratio, this.ratioToBarePayload);
		}

	}

}
