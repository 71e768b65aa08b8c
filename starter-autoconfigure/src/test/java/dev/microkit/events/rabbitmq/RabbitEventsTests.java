package dev.microkit.events.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microkit.events.EventMetadata;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.EventPublishingException;
import dev.microkit.events.OrderPlaced;
import dev.microkit.events.PublishedEvent;
import dev.microkit.events.RecordingHandlers;
import dev.microkit.testsupport.rabbitmq.TestRabbitMq;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The event scenarios on a real RabbitMQ ({@link TestRabbitMq}): the same application
 * code as on Kafka, switched by {@code microkit.events.transport=rabbitmq}.
 */
class RabbitEventsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final String topic = RabbitTestSupport.unique("orders");

	private final String group = RabbitTestSupport.unique("events-test");

	private RabbitTestSupport rabbit;

	@BeforeEach
	void connect() {
		this.rabbit = new RabbitTestSupport(TestRabbitMq.server());
		this.rabbit.removeLater(this.topic, this.group);
	}

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.rabbit.close();
	}

	private ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("microkit.events.routes.order=" + this.topic));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = this.rabbit.run(new Class<?>[0], this.group, WAIT,
				all.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private static RecordingHandlers handlers(ConfigurableApplicationContext context) {
		return context.getBean(RecordingHandlers.class);
	}

	private static EventPublisher publisher(ConfigurableApplicationContext context) {
		return context.getBean(EventPublisher.class);
	}

	private static OrderPlaced order(String id, long sequence) {
		return new OrderPlaced(id, "sku-1", 2, sequence);
	}

	@Test
	void roundTripCarriesEveryCloudEventsAttributeInTheAmqpBinding() throws Exception {
		ConfigurableApplicationContext context = start();
		String tap = this.rabbit.tap(this.topic);
		PublishedEvent published = publisher(context).publish("order.placed", "o-1", order("o-1", 1)).get();
		assertThat(published.topic()).isEqualTo(this.topic);
		Message message = this.rabbit.readAll(tap, 1, WAIT).get(0);
		MessageProperties properties = message.getMessageProperties();
		assertThat(properties.getReceivedRoutingKey()).isEqualTo("order.placed");
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.<String>getHeader("cloudEvents_specversion")).isEqualTo("1.0");
		assertThat(UUID.fromString(properties.getHeader("cloudEvents_id")).toString()).isEqualTo(published.id());
		assertThat(properties.<String>getHeader("cloudEvents_type")).isEqualTo("order.placed");
		assertThat(properties.<String>getHeader("cloudEvents_source")).isEqualTo("events-test");
		assertThat(properties.<String>getHeader("cloudEvents_partitionkey")).isEqualTo("o-1");
		assertThat(properties.<String>getHeader("cloudEvents_authtype")).isEqualTo("service_account");
		assertThat(properties.<String>getHeader("cloudEvents_authid")).isEqualTo("events-test");
		assertThat(OffsetDateTime.parse(properties.getHeader("cloudEvents_time")))
			.isBefore(OffsetDateTime.now().plusSeconds(1));
		assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
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
	void readersAcceptTheBindingsOlderPrefix() {
		ConfigurableApplicationContext context = start();
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		properties.setHeader("cloudEvents:specversion", "1.0");
		properties.setHeader("cloudEvents:id", "older-1");
		properties.setHeader("cloudEvents:type", "order.placed");
		properties.setHeader("cloudEvents:source", "elsewhere");
		properties.setHeader("cloudEvents:partitionkey", "o-7");
		this.rabbit.send(this.topic, "order.placed",
				new Message(json("{\"orderId\":\"o-7\",\"sku\":\"s\",\"quantity\":1,\"sequence\":7}"), properties));
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.placed.size() == 1);
		assertThat(handlers.placedMetadata.get(0).id()).isEqualTo("older-1");
		assertThat(handlers.placedMetadata.get(0).key()).isEqualTo("o-7");
	}

	@Test
	void eachKeysEventsAreHandledInTheOrderTheyWerePublished() {
		ConfigurableApplicationContext context = start("microkit.events.concurrency=3");
		EventPublisher publisher = publisher(context);
		List<CompletableFuture<PublishedEvent>> sends = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String key = "o-" + (i % 20);
			sends.add(publisher.publish("order.placed", key, order(key, i)));
		}
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
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
	void orderedCompetingInstancesHandleEachEventOnceAndTheStandbyTakesOver() {
		RecordingHandlers first = handlers(start());
		ConfigurableApplicationContext secondContext = start();
		RecordingHandlers second = handlers(secondContext);
		EventPublisher publisher = publisher(secondContext);
		for (int i = 0; i < 100; i++) {
			publisher.publish("order.placed", "o-" + i, order("o-" + i, i)).join();
		}
		await().atMost(WAIT).until(() -> first.placed.size() + second.placed.size() >= 100);
		// single active consumer: the first instance's consumer takes them all
		assertThat(first.placed).hasSize(100).doesNotHaveDuplicates();
		assertThat(second.placed).isEmpty();
		this.contexts.remove(0).close();
		for (int i = 100; i < 150; i++) {
			publisher.publish("order.placed", "o-" + i, order("o-" + i, i)).join();
		}
		await().atMost(WAIT).until(() -> second.placed.size() >= 50);
		assertThat(second.placed).hasSize(50).doesNotHaveDuplicates();
	}

	@Test
	void unorderedCompetingInstancesShareTheEvents() {
		RecordingHandlers first = handlers(start("microkit.events.rabbitmq.ordered=false"));
		RecordingHandlers second = handlers(start("microkit.events.rabbitmq.ordered=false"));
		EventPublisher publisher = publisher(this.contexts.get(0));
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
	void broadcastReachesEveryInstanceAndItsQueueGoesWithIt() {
		RecordingHandlers first = handlers(start());
		RecordingHandlers second = handlers(start());
		EventPublisher publisher = publisher(this.contexts.get(0));
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
		publisher(context).publish("order.flaky", "o-1", order("o-1", 1)).join();
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.flakyHandled.size() == 1);
		assertThat(handlers.flakyAttempts).hasValue(3);
	}

	@Test
	void handlerThatAlwaysFailsEndsInTheGroupsDeadLetterQueueWithTheOriginalMessage() {
		ConfigurableApplicationContext context = start();
		PublishedEvent published = publisher(context).publish("order.broken", "o-9", order("o-9", 9)).join();
		List<Message> dead = this.rabbit.readAll(RabbitTopology.deadLetterQueue(this.group), 1, WAIT);
		assertThat(dead).hasSize(1);
		MessageProperties properties = dead.get(0).getMessageProperties();
		assertThat(new String(dead.get(0).getBody(), StandardCharsets.UTF_8))
			.isEqualTo("{\"orderId\":\"o-9\",\"sku\":\"sku-1\",\"quantity\":2,\"sequence\":9}");
		assertThat(properties.<String>getHeader("cloudEvents_id")).isEqualTo(published.id());
		assertThat(properties.<String>getHeader("cloudEvents_partitionkey")).isEqualTo("o-9");
		assertThat(properties.<String>getHeader("x-exception-message")).contains("always broken");
		assertThat(properties.<String>getHeader("x-original-exchange")).isEqualTo(this.topic);
		assertThat(properties.<String>getHeader("x-original-routingKey")).isEqualTo("order.broken");
		assertThat(handlers(context).brokenAttempts).hasValue(4);
	}

	@Test
	void metersCountRetriesAndDeadLettersUnderTheTransportTag() {
		ConfigurableApplicationContext context = start();
		publisher(context).publish("order.placed", "o-1", order("o-1", 1)).join();
		publisher(context).publish("order.broken", "o-2", order("o-2", 2)).join();
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		await().atMost(WAIT)
			.until(() -> meters.find("microkit.events.dead.lettered").tag("type", "order.broken").counter() != null);
		assertThat(meters.get("microkit.events.published")
			.tags("type", "order.placed", "outcome", "success", "transport", "rabbitmq")
			.counter()
			.count()).isEqualTo(1);
		assertThat(meters.get("microkit.events.handling")
			.tags("type", "order.placed", "outcome", "success", "transport", "rabbitmq")
			.timer()
			.count()).isEqualTo(1);
		assertThat(meters.get("microkit.events.failed").tag("type", "order.broken").counter().count()).isEqualTo(4);
		assertThat(meters.get("microkit.events.retried").tag("type", "order.broken").counter().count()).isEqualTo(3);
		assertThat(meters.get("microkit.events.dead.lettered")
			.tags("type", "order.broken", "reason", "IllegalStateException", "transport", "rabbitmq")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void theGroupsQueueIsGaugedForDepthAndConsumers() {
		ConfigurableApplicationContext context = start();
		publisher(context).publish("order.placed", "o-1", order("o-1", 1)).join();
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		String queue = RabbitTopology.queue(this.topic, this.group);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(meters.get("microkit.events.queue.consumers")
				.tags("queue", queue, "topic", this.topic, "group", this.group, "transport", "rabbitmq")
				.gauge()
				.value()).isEqualTo(1));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					meters.get("microkit.events.queue.depth").tags("queue", queue, "group", this.group).gauge().value())
				.isZero());
	}

	@Test
	void aPublishCarriesItsTraceInTheMessageHeaders() {
		ConfigurableApplicationContext context = start("management.tracing.sampling.probability=1.0");
		String tap = this.rabbit.tap(this.topic);
		Tracer tracer = context.getBean(Tracer.class);
		Span span = tracer.nextSpan().name("place order").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			publisher(context).publish("order.placed", "o-1", order("o-1", 1)).join();
		}
		finally {
			span.end();
		}
		Message message = this.rabbit.readAll(tap, 1, WAIT).get(0);
		assertThat(message.getMessageProperties().<String>getHeader("traceparent")).contains(span.context().traceId());
	}

	@Test
	void configuredExceptionsAreNotRetried() {
		ConfigurableApplicationContext context = start(
				"microkit.events.retry.not-retryable=java.lang.IllegalStateException");
		publisher(context).publish("order.broken", "o-3", order("o-3", 3)).join();
		assertThat(this.rabbit.readAll(RabbitTopology.deadLetterQueue(this.group), 1, WAIT)).hasSize(1);
		assertThat(handlers(context).brokenAttempts).hasValue(1);
	}

	@Test
	void unknownTypesCanBeDeadLettered() {
		ConfigurableApplicationContext context = start("microkit.events.unknown-types=dead-letter");
		PublishedEvent published = publisher(context).publish("order.unheard-of", "o-4", order("o-4", 4)).join();
		List<Message> dead = this.rabbit.readAll(RabbitTopology.deadLetterQueue(this.group), 1, WAIT);
		assertThat(dead).extracting((message) -> message.getMessageProperties().getHeader("cloudEvents_id"))
			.contains(published.id());
	}

	@Test
	void poisonPillsGoToTheDeadLetterQueueAtOnceAndTheNextEventIsHandled() {
		ConfigurableApplicationContext context = start();
		MessageProperties garbled = cloudEvent("poison-1");
		this.rabbit.send(this.topic, "order.placed", new Message(json("{not json"), garbled));
		MessageProperties noAttributes = new MessageProperties();
		this.rabbit.send(this.topic, "order.placed", new Message(json("{}"), noAttributes));
		publisher(context).publish("order.placed", "o-1", order("o-1", 1)).join();
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.placed.size() == 1);
		List<Message> dead = this.rabbit.readAll(RabbitTopology.deadLetterQueue(this.group), 2, WAIT);
		assertThat(dead).extracting((message) -> new String(message.getBody(), StandardCharsets.UTF_8))
			.containsExactlyInAnyOrder("{not json", "{}");
		assertThat(dead)
			.extracting((message) -> message.getMessageProperties().<String>getHeader("x-exception-message"))
			.anySatisfy((text) -> assertThat(text).contains("cloudEvents_specversion"));
	}

	@Test
	void duplicateEventIdIsHandledOnce() {
		ConfigurableApplicationContext context = start();
		MessageProperties properties = cloudEvent("same-id");
		properties.setHeader("cloudEvents_partitionkey", "o-1");
		Message message = new Message(json("{\"orderId\":\"o-1\",\"sku\":\"s\",\"quantity\":1,\"sequence\":1}"),
				properties);
		this.rabbit.send(this.topic, "order.placed", message);
		this.rabbit.send(this.topic, "order.placed", message);
		publisher(context).publish("order.placed", "o-1", order("o-1", 2)).join();
		RecordingHandlers handlers = handlers(context);
		await().atMost(WAIT).until(() -> handlers.placed.size() >= 2);
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> handlers.placed.size() == 2);
		assertThat(handlers.placed).extracting(OrderPlaced::sequence).containsExactly(1L, 2L);
	}

	@Test
	void anEventNoQueueIsBoundForFailsItsPublish() {
		ConfigurableApplicationContext context = start("microkit.events.routes.nobody=" + this.topic + "-unbound");
		this.rabbit.removeLater(this.topic + "-unbound", this.group);
		CompletableFuture<PublishedEvent> send = publisher(context).publish("nobody.listens", "n-1", order("n-1", 1));
		assertThatExceptionOfType(Exception.class).isThrownBy(send::join)
			.havingRootCause()
			.isInstanceOf(UnroutableEventException.class)
			.withMessageContaining("has no queue bound");
		assertThat(send).isCompletedExceptionally();
		assertThatExceptionOfType(Exception.class).isThrownBy(send::join)
			.withCauseInstanceOf(EventPublishingException.class);
	}

	private static MessageProperties cloudEvent(String id) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		properties.setHeader("cloudEvents_specversion", "1.0");
		properties.setHeader("cloudEvents_id", id);
		properties.setHeader("cloudEvents_type", "order.placed");
		properties.setHeader("cloudEvents_source", "somewhere");
		return properties;
	}

	private static byte[] json(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
