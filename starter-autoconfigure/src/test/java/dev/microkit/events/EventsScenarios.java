package dev.microkit.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.listener.EventListeners;

/**
 * Publishing and consuming against a real Kafka broker; subclasses say which.
 */
public abstract class EventsScenarios {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final String topic = KafkaTestSupport.uniqueTopic("orders");

	private KafkaTestSupport kafka;

	protected abstract String bootstrapServers();

	/**
	 * More configuration of the applications under test.
	 * @return configuration classes
	 */
	protected Class<?>[] moreSources() {
		return new Class<?>[0];
	}

	@BeforeEach
	void connect() {
		this.kafka = new KafkaTestSupport(bootstrapServers());
	}

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	private ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("microkit.events.routes.order=" + this.topic, "microkit.events.idempotency.store=memory"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = EventsTestApplication.run(moreSources(), bootstrapServers(),
				all.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private static RecordingHandlers handlers(ConfigurableApplicationContext context) {
		return context.getBean(RecordingHandlers.class);
	}

	private static OrderPlaced order(String id, long sequence) {
		return new OrderPlaced(id, "sku-1", 2, sequence);
	}

	@Test
	void roundTripCarriesEveryCloudEventsHeader() throws Exception {
		ConfigurableApplicationContext context = start();
		PublishedEvent published = context.getBean(EventPublisher.class)
			.publish("order.placed", "o-1", order("o-1", 1))
			.get();
		assertThat(published.topic()).isEqualTo(this.topic);
		ConsumerRecord<String, byte[]> record = this.kafka.readAll(this.topic, 1, WAIT).get(0);
		assertThat(record.key()).isEqualTo("o-1");
		assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(UUID.fromString(header(record, "ce_id")).toString()).isEqualTo(published.id());
		assertThat(header(record, "ce_type")).isEqualTo("order.placed");
		assertThat(header(record, "ce_source")).isEqualTo("events-test");
		assertThat(OffsetDateTime.parse(header(record, "ce_time"))).isBefore(OffsetDateTime.now().plusSeconds(1));
		assertThat(header(record, "content-type")).isEqualTo("application/json");
		assertThat(header(record, "ce_authtype")).isEqualTo("service_account");
		assertThat(header(record, "ce_authid")).isEqualTo("events-test");
		assertThat(new String(record.value(), StandardCharsets.UTF_8))
			.isEqualTo("{\"orderId\":\"o-1\",\"sku\":\"sku-1\",\"quantity\":2,\"sequence\":1}");
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.placed.size() == 1);
		assertThat(handlers.placed).containsExactly(order("o-1", 1));
		EventMetadata metadata = handlers.placedMetadata.get(0);
		assertThat(metadata.id()).isEqualTo(published.id());
		assertThat(metadata.type()).isEqualTo("order.placed");
		assertThat(metadata.source()).isEqualTo("events-test");
		assertThat(metadata.authId()).isEqualTo("events-test");
		assertThat(metadata.key()).isEqualTo("o-1");
		assertThat(metadata.topic()).isEqualTo(this.topic);
		assertThat(metadata.time()).isNotNull();
	}

	@Test
	void theProducersIdentityIsTheOneConfiguredOrNoneWhenOff() throws Exception {
		start("microkit.events.identity.id=order-service").getBean(EventPublisher.class)
			.publish("order.placed", "o-1", order("o-1", 1))
			.get();
		start("microkit.events.identity.enabled=false").getBean(EventPublisher.class)
			.publish("order.placed", "o-2", order("o-2", 1))
			.get();
		List<ConsumerRecord<String, byte[]>> records = this.kafka.readAll(this.topic, 2, WAIT);
		ConsumerRecord<String, byte[]> named = records.stream().filter((r) -> r.key().equals("o-1")).findFirst().get();
		ConsumerRecord<String, byte[]> anonymous = records.stream()
			.filter((r) -> r.key().equals("o-2"))
			.findFirst()
			.get();
		assertThat(header(named, "ce_authid")).isEqualTo("order-service");
		assertThat(anonymous.headers().lastHeader("ce_authid")).isNull();
		assertThat(anonymous.headers().lastHeader("ce_authtype")).isNull();
	}

	@Test
	void thousandEventsOverThreePartitionsKeepPerKeyOrder() {
		ConfigurableApplicationContext context = start("microkit.events.concurrency=3");
		EventPublisher publisher = context.getBean(EventPublisher.class);
		List<CompletableFuture<PublishedEvent>> sends = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String key = "o-" + (i % 20);
			sends.add(publisher.publish("order.placed", key, order(key, i)));
		}
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
		assertThat(sends.stream().map(CompletableFuture::join).map(PublishedEvent::partition).distinct()).hasSize(3);
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.placed.size() >= 1000);
		assertThat(handlers.placed).hasSize(1000);
		Map<String, Long> last = new HashMap<>();
		for (OrderPlaced placed : handlers.placed) {
			Long previous = last.put(placed.orderId(), placed.sequence());
			if (previous != null) {
				assertThat(placed.sequence()).as("order of key %s", placed.orderId()).isGreaterThan(previous);
			}
		}
	}

	@Test
	void competingInstancesHandleEachEventOnceOverall() {
		RecordingHandlers first = handlers(start());
		RecordingHandlers second = handlers(start());
		awaitAssignment();
		EventPublisher publisher = this.contexts.get(0).getBean(EventPublisher.class);
		for (int i = 0; i < 200; i++) {
			publisher.publish("order.placed", "o-" + i, order("o-" + i, i)).join();
		}
		await().atMost(WAIT).until(() -> first.placed.size() + second.placed.size() >= 200);
		List<OrderPlaced> all = new ArrayList<>(first.placed);
		all.addAll(second.placed);
		assertThat(all).hasSize(200).doesNotHaveDuplicates();
		assertThat(first.placed).isNotEmpty();
		assertThat(second.placed).isNotEmpty();
	}

	@Test
	void broadcastReachesEveryInstance() {
		RecordingHandlers first = handlers(start());
		RecordingHandlers second = handlers(start());
		awaitAssignment();
		EventPublisher publisher = this.contexts.get(0).getBean(EventPublisher.class);
		for (int i = 0; i < 50; i++) {
			publisher.publish("order.announced", "o-" + i, order("o-" + i, i)).join();
		}
		await().atMost(WAIT).until(() -> first.broadcast.size() >= 50 && second.broadcast.size() >= 50);
		assertThat(first.broadcast).hasSize(50).doesNotHaveDuplicates();
		assertThat(second.broadcast).hasSize(50).doesNotHaveDuplicates();
	}

	@Test
	void failingHandlerIsRetriedUntilItSucceeds() {
		ConfigurableApplicationContext context = start();
		context.getBean(EventPublisher.class).publish("order.flaky", "o-1", order("o-1", 1)).join();
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.flakyHandled.size() == 1);
		assertThat(handlers.flakyAttempts).hasValue(3);
	}

	@Test
	void handlerThatAlwaysFailsEndsInTheDeadLetterTopicWithTheOriginalBytes() {
		ConfigurableApplicationContext context = start();
		PublishedEvent published = context.getBean(EventPublisher.class)
			.publish("order.broken", "o-9", order("o-9", 9))
			.join();
		List<ConsumerRecord<String, byte[]>> dead = this.kafka.readAll(this.topic + "-dlt", 1, WAIT);
		assertThat(dead).hasSize(1);
		ConsumerRecord<String, byte[]> original = this.kafka.readAll(this.topic, 1, WAIT).get(0);
		assertThat(dead.get(0).value()).isEqualTo(original.value());
		assertThat(dead.get(0).key()).isEqualTo("o-9");
		assertThat(dead.get(0).partition()).isEqualTo(published.partition());
		assertThat(header(dead.get(0), "ce_id")).isEqualTo(published.id());
		assertThat(header(dead.get(0), "kafka_dlt-exception-message")).contains("always broken");
		assertThat(handlers(context).brokenAttempts).hasValue(4);
	}

	@Test
	void configuredExceptionsAreNotRetried() {
		ConfigurableApplicationContext context = start(
				"microkit.events.retry.not-retryable=java.lang.IllegalStateException");
		context.getBean(EventPublisher.class).publish("order.broken", "o-3", order("o-3", 3)).join();
		assertThat(this.kafka.readAll(this.topic + "-dlt", 1, WAIT)).hasSize(1);
		assertThat(handlers(context).brokenAttempts).hasValue(1);
	}

	@Test
	void unknownTypesCanBeDeadLettered() {
		ConfigurableApplicationContext context = start("microkit.events.unknown-types=dead-letter");
		PublishedEvent published = context.getBean(EventPublisher.class)
			.publish("order.unheard-of", "o-4", order("o-4", 4))
			.join();
		List<ConsumerRecord<String, byte[]>> dead = this.kafka.readAll(this.topic + "-dlt", 1, WAIT);
		assertThat(dead).extracting((record) -> header(record, "ce_id")).contains(published.id());
	}

	@Test
	void poisonPillGoesToTheDeadLetterTopicAtOnceAndTheNextRecordIsHandled() throws Exception {
		ConfigurableApplicationContext context = start();
		awaitAssignment();
		byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
		headers.add("ce_id", "poison-1".getBytes(StandardCharsets.UTF_8));
		headers.add("ce_type", "order.placed".getBytes(StandardCharsets.UTF_8));
		headers.add("ce_source", "somewhere".getBytes(StandardCharsets.UTF_8));
		this.kafka.send(new ProducerRecord<>(this.topic, 0, "o-1", garbage, headers));
		this.kafka.send(new ProducerRecord<>(this.topic, 0, "o-1", "{}".getBytes(StandardCharsets.UTF_8)));
		context.getBean(EventPublisher.class).publish("order.placed", "o-1", order("o-1", 1)).join();
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.placed.size() == 1);
		// only the competing group dead-letters; the broadcast group of the topic skips
		// them
		List<ConsumerRecord<String, byte[]>> dead = this.kafka.readAll(this.topic + "-dlt", 3, Duration.ofSeconds(5));
		assertThat(dead).allSatisfy(
				(record) -> assertThat(header(record, "kafka_dlt-original-consumer-group")).isEqualTo("events-test"));
		assertThat(dead).extracting(ConsumerRecord::value)
			.containsExactlyInAnyOrder(garbage, "{}".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void duplicateEventIdIsHandledOnce() throws Exception {
		ConfigurableApplicationContext context = start();
		PublishedEvent published = context.getBean(EventPublisher.class)
			.publish("order.placed", "o-1", order("o-1", 1))
			.join();
		ConsumerRecord<String, byte[]> original = this.kafka.readAll(this.topic, 1, WAIT).get(0);
		this.kafka.send(new ProducerRecord<>(this.topic, original.partition(), original.key(), original.value(),
				original.headers()));
		context.getBean(EventPublisher.class).publish("order.placed", "o-1", order("o-1", 2)).join();
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.placed.size() >= 2);
		Thread.sleep(500);
		assertThat(handlers.placed).containsExactly(order("o-1", 1), order("o-1", 2));
		assertThat(published.id()).isEqualTo(header(original, "ce_id"));
	}

	private void awaitAssignment() {
		this.contexts
			.forEach((context) -> await().atMost(WAIT).until(() -> context.getBean(EventListeners.class).isAssigned()));
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
