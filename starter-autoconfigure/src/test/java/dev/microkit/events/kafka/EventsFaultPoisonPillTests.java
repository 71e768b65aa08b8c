package dev.microkit.events.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.CloudEventHeaders;
import dev.microkit.events.EventMetadata;
import dev.microkit.events.OutgoingEvent;
import dev.microkit.events.PoisonPillException;
import dev.microkit.events.UnknownEventTypeException;
import dev.microkit.events.KafkaTestSupport;
import dev.microkit.events.RecordingHandlers;
import dev.microkit.events.EventsTestApplication;
import dev.microkit.events.OrderPlaced;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

/**
 * A thousand malformed records of every kind, interleaved with a thousand good events on
 * one topic of three partitions: each malformed one ends in the dead-letter topic as it
 * was written, each good one is handled exactly once, and the group commits everything.
 */
class EventsFaultPoisonPillTests {

	private static final int BAD = 1000;

	private static final int GOOD = 1000;

	private static final String GROUP = "events-test";

	private static final String DEAD_LETTER_HEADERS = "kafka_dlt-";

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String topic = KafkaTestSupport.uniqueTopic("orders");

	private final KafkaTestSupport kafka = new KafkaTestSupport(InProcessKafkaBroker.shared().bootstrapServers());

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void everyMalformedRecordIsDeadLetteredAsWrittenAndEveryGoodEventIsHandledOnce() throws Exception {
		this.kafka.createTopic(this.topic, 3);
		// no idempotency store: a good event delivered twice would be handled twice
		start("microkit.events.idempotency.store=none", "microkit.events.unknown-types=dead-letter",
				"microkit.events.concurrency=3");
		List<Malformed> bad = malformed();
		List<ProducerRecord<String, byte[]>> good = good();
		List<ProducerRecord<String, byte[]>> mixed = new ArrayList<>(good);
		bad.forEach((malformed) -> mixed.add(malformed.record()));
		Collections.shuffle(mixed, new Random(42));

		long start = System.nanoTime();
		List<RecordMetadata> written = this.kafka.sendAll(mixed);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> this.kafka.lag(GROUP, this.topic) == 0);
		long drainMillis = (System.nanoTime() - start) / 1_000_000;

		RecordingHandlers handlers = this.context.getBean(RecordingHandlers.class);
		Map<String, Long> handledPerId = handlers.placedMetadata.stream()
			.collect(Collectors.groupingBy(EventMetadata::id, Collectors.counting()));
		String deadLetter = DeadLetterTopics.of(this.topic);
		long deadLettered = this.kafka.recordsIn(deadLetter);
		System.out.printf(
				"poison pills: %d of %d good handled (%d deliveries), %d of %d bad dead-lettered, lag %d, "
						+ "%d records drained in %d ms%n",
				handledPerId.size(), GOOD, handlers.placedMetadata.size(), deadLettered, BAD,
				this.kafka.lag(GROUP, this.topic), mixed.size(), drainMillis);
		Set<String> goodIds = good.stream()
			.map((record) -> header(record.headers(), CloudEventHeaders.ID))
			.collect(Collectors.toSet());
		assertThat(handledPerId.keySet()).isEqualTo(goodIds);
		assertThat(handledPerId.values()).allMatch((times) -> times == 1);
		assertThat(deadLettered).isEqualTo(BAD);
		Set<String> added = assertDeadLettersAsWritten(bad, mixed, written, this.kafka.readAll(deadLetter, BAD, WAIT));
		System.out.println("poison pills: a dead letter keeps the original's key, value and headers and adds " + added);
		assertThat(added).contains("kafka_dlt-original-topic", "kafka_dlt-original-partition",
				"kafka_dlt-original-offset", "kafka_dlt-original-consumer-group", "kafka_dlt-exception-fqcn",
				"kafka_dlt-exception-cause-fqcn", "kafka_dlt-exception-message", "kafka_dlt-exception-stacktrace");
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.find("microkit.events.dead.lettered").counters().stream().mapToDouble(Counter::count).sum())
			.isEqualTo(BAD);
	}

	@Test
	void aBurstOfPoisonPillsWaitsForNoFetchOfTheConsumer() throws Exception {
		this.kafka.createTopic(this.topic, 1);
		// a dead letter that waited for the consumer's pending fetch would wait this long
		start("spring.kafka.consumer.fetch-max-wait=3s");
		List<ProducerRecord<String, byte[]>> pills = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			pills.add(record(i, utf8("{not json"), envelope(i, "order.placed")));
		}
		long start = System.nanoTime();
		this.kafka.sendAll(pills);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> this.kafka.lag(GROUP, this.topic) == 0);
		Duration drained = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf("poison pills: 20 on one partition dead-lettered in %d ms (fetch wait 3 s)%n",
				drained.toMillis());
		assertThat(this.kafka.recordsIn(DeadLetterTopics.of(this.topic))).isEqualTo(20);
		assertThat(drained).isLessThan(Duration.ofSeconds(15));
	}

	private void start(String... properties) {
		List<String> all = new ArrayList<>(List.of("microkit.events.routes.order=" + this.topic));
		all.addAll(List.of(properties));
		this.context = EventsTestApplication.run(InProcessKafkaBroker.shared().bootstrapServers(),
				all.toArray(String[]::new));
		EventListeners containers = this.context.getBean(EventListeners.class);
		await().atMost(WAIT).until(containers::isAssigned);
	}

	/**
	 * Finds the original of each dead letter by the partition and offset it names, and
	 * compares them.
	 * @return the names of the headers the dead letters have beyond the original's
	 */
	private Set<String> assertDeadLettersAsWritten(List<Malformed> bad, List<ProducerRecord<String, byte[]>> mixed,
			List<RecordMetadata> written, List<ConsumerRecord<String, byte[]>> deadLetters) {
		Set<String> added = new TreeSet<>();
		Map<ProducerRecord<String, byte[]>, Malformed> kinds = new IdentityHashMap<>();
		bad.forEach((malformed) -> kinds.put(malformed.record(), malformed));
		Map<String, Malformed> byPosition = new HashMap<>();
		for (int i = 0; i < mixed.size(); i++) {
			Malformed malformed = kinds.get(mixed.get(i));
			if (malformed != null) {
				byPosition.put(written.get(i).partition() + "@" + written.get(i).offset(), malformed);
			}
		}
		assertThat(deadLetters).hasSize(BAD);
		for (ConsumerRecord<String, byte[]> dead : deadLetters) {
			int partition = ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-partition").value()).getInt();
			long offset = ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-offset").value()).getLong();
			Malformed original = byPosition.remove(partition + "@" + offset);
			assertThat(original).as("original of dead letter %d@%d", partition, offset).isNotNull();
			String kind = original.kind();
			assertThat(dead.partition()).as(kind).isEqualTo(partition);
			assertThat(dead.key()).as(kind).isEqualTo(original.record().key());
			assertThat(dead.value()).as(kind).isEqualTo(original.record().value());
			assertThat(header(dead.headers(), "kafka_dlt-original-topic")).as(kind).isEqualTo(this.topic);
			assertThat(header(dead.headers(), "kafka_dlt-original-consumer-group")).as(kind).isEqualTo(GROUP);
			assertThat(header(dead.headers(), "kafka_dlt-exception-cause-fqcn")).as(kind)
				.isEqualTo(original.reason().getName());
			assertThat(header(dead.headers(), "kafka_dlt-exception-message")).as(kind)
				.contains(this.topic + "-" + partition + "@" + offset);
			added.addAll(assertOriginalHeadersFirst(kind, original.record().headers(), dead.headers()));
		}
		assertThat(byPosition).isEmpty();
		return added;
	}

	/**
	 * The dead letter starts with the original's headers, in order and byte for byte;
	 * after them come only the recoverer's {@code kafka_dlt-} headers and the trace
	 * context of the send.
	 * @return the names of the headers after the original's
	 */
	private static List<String> assertOriginalHeadersFirst(String kind, Headers original, Headers dead) {
		List<Header> expected = Arrays.asList(original.toArray());
		List<Header> actual = Arrays.asList(dead.toArray());
		assertThat(actual.size()).as(kind).isGreaterThanOrEqualTo(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			assertThat(actual.get(i).key()).as(kind).isEqualTo(expected.get(i).key());
			assertThat(actual.get(i).value()).as(kind + " header " + expected.get(i).key())
				.isEqualTo(expected.get(i).value());
		}
		List<String> added = actual.subList(expected.size(), actual.size()).stream().map(Header::key).toList();
		assertThat(added).as(kind)
			.allMatch(
					(name) -> name.startsWith(DEAD_LETTER_HEADERS) || name.equals("traceparent") || name.equals("b3"));
		return added;
	}

	private List<ProducerRecord<String, byte[]>> good() throws Exception {
		List<ProducerRecord<String, byte[]>> good = new ArrayList<>();
		for (int i = 0; i < GOOD; i++) {
			String key = "o-" + (i % 37);
			good.add(KafkaEventSender.toRecord(OutgoingEvent.create("order.placed", "fault-test", key, this.topic,
					JSON.writeValueAsBytes(new OrderPlaced(key, "sku-1", 1, i)))));
		}
		return good;
	}

	/**
	 * Records no handler can take, of every kind in turn: broken or misshapen data, a
	 * missing or wrong envelope attribute, a type nobody handles.
	 */
	private List<Malformed> malformed() {
		List<Kind> kinds = List.of(
				new Kind("not JSON", PoisonPillException.class,
						(i) -> record(i, utf8("{\"orderId\": \"o-" + i), envelope(i, "order.placed"))),
				new Kind("JSON array", PoisonPillException.class,
						(i) -> record(i, utf8("[1, 2, 3]"), envelope(i, "order.placed"))),
				new Kind("wrong field type", PoisonPillException.class,
						(i) -> record(i, utf8("{\"orderId\":\"o-1\",\"quantity\":\"many\"}"),
								envelope(i, "order.placed"))),
				new Kind("JSON null", PoisonPillException.class,
						(i) -> record(i, utf8("null"), envelope(i, "order.placed"))),
				new Kind("empty value", PoisonPillException.class,
						(i) -> record(i, new byte[0], envelope(i, "order.placed"))),
				new Kind("no value", PoisonPillException.class, (i) -> record(i, null, envelope(i, "order.placed"))),
				new Kind("binary value", PoisonPillException.class,
						(i) -> record(i, new byte[] { (byte) 0xC3, 0x28, 0x00, (byte) 0xFF, (byte) i },
								envelope(i, "order.placed"))),
				new Kind("no headers", PoisonPillException.class, (i) -> record(i, placed(i), new RecordHeaders())),
				new Kind("spec version 0.3", PoisonPillException.class,
						(i) -> record(i, placed(i), replaced(envelope(i, "order.placed"), "ce_specversion", "0.3"))),
				new Kind("no ce_id", PoisonPillException.class,
						(i) -> record(i, placed(i), without(envelope(i, "order.placed"), "ce_id"))),
				new Kind("ce_id without value", PoisonPillException.class,
						(i) -> record(i, placed(i), replaced(envelope(i, "order.placed"), "ce_id", null))),
				new Kind("blank ce_type", PoisonPillException.class, (i) -> record(i, placed(i), envelope(i, " "))),
				new Kind("no ce_source", PoisonPillException.class,
						(i) -> record(i, placed(i), without(envelope(i, "order.placed"), "ce_source"))),
				new Kind("ce_time not a timestamp", PoisonPillException.class,
						(i) -> record(i, placed(i), replaced(envelope(i, "order.placed"), "ce_time", "yesterday"))),
				new Kind("unknown type", UnknownEventTypeException.class,
						(i) -> record(i, placed(i), envelope(i, "order.teleported"))));
		List<Malformed> malformed = new ArrayList<>();
		for (int i = 0; i < BAD; i++) {
			Kind kind = kinds.get(i % kinds.size());
			malformed.add(new Malformed(kind.name(), kind.reason(), kind.record().apply(i)));
		}
		return malformed;
	}

	private ProducerRecord<String, byte[]> record(int i, byte[] value, Headers headers) {
		// every seventh without a key, the others spread over the partitions
		String key = (i % 7 == 0) ? null : "o-" + (i % 37);
		return new ProducerRecord<>(this.topic, null, key, value, headers);
	}

	private static Headers envelope(int i, String type) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(CloudEventHeaders.SPEC_VERSION, utf8("1.0"));
		headers.add(CloudEventHeaders.ID, utf8("bad-" + i));
		headers.add(CloudEventHeaders.TYPE, utf8(type));
		headers.add(CloudEventHeaders.SOURCE, utf8("somewhere"));
		headers.add(CloudEventHeaders.TIME, utf8("2025-01-01T00:00:00Z"));
		headers.add(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.JSON));
		headers.add("x-origin", new byte[] { 0, 1, (byte) 0xFE, (byte) i });
		return headers;
	}

	private static Headers without(Headers headers, String name) {
		return headers.remove(name);
	}

	private static Headers replaced(Headers headers, String name, String value) {
		RecordHeaders replaced = new RecordHeaders();
		for (Header header : headers) {
			replaced.add(header.key(),
					header.key().equals(name) ? ((value != null) ? utf8(value) : null) : header.value());
		}
		return replaced;
	}

	private static byte[] placed(int i) {
		return utf8("{\"orderId\":\"o-" + i + "\",\"sku\":\"sku-1\",\"quantity\":1,\"sequence\":" + i + "}");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private record Kind(String name, Class<? extends Exception> reason,
			IntFunction<ProducerRecord<String, byte[]>> record) {
	}

	private record Malformed(String kind, Class<? extends Exception> reason, ProducerRecord<String, byte[]> record) {
	}

}
