package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.microkit.events.EventPublisher;
import dev.microkit.events.OrderPlaced;
import dev.microkit.events.RecordingHandlers;
import dev.microkit.testsupport.rabbitmq.TestRabbitMq;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.amqp.core.Message;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transactional outbox relaying to a real RabbitMQ ({@link TestRabbitMq}) that stops
 * and starts again ({@code rabbitmqctl stop_app}, {@code start_app}): publishing goes on
 * while it is away, and once it is back every event arrives, each key's in order.
 */
class RabbitOutboxTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private final String topic = RabbitTestSupport.unique("outbox-orders");

	private final String group = RabbitTestSupport.unique("outbox-test");

	private RabbitTestSupport rabbit;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		this.rabbit = new RabbitTestSupport(TestRabbitMq.server());
		this.rabbit.removeLater(this.topic, this.group);
		this.context = this.rabbit.run(new Class<?>[0], this.group, WAIT, "microkit.events.routes.order=" + this.topic,
				"microkit.events.outbox.enabled=true", "microkit.events.outbox.send-timeout=3s",
				"microkit.events.outbox.max-backoff=500ms", "management.tracing.sampling.probability=1.0",
				"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	@AfterEach
	void stop() {
		TestRabbitMq.startApp();
		if (this.context != null) {
			this.context.close();
		}
		this.rabbit.close();
	}

	@Test
	void eventsPublishedWhileRabbitMqIsStoppedArriveInOrderOnceItIsBack() {
		EventPublisher publisher = this.context.getBean(EventPublisher.class);
		RecordingHandlers handlers = this.context.getBean(RecordingHandlers.class);
		inTransaction(() -> publisher.publish("order.placed", "o-0", new OrderPlaced("o-0", "s", 1, -1)));
		await().atMost(WAIT).until(() -> handlers.placed.size() == 1);

		TestRabbitMq.stopApp();
		for (int i = 0; i < 200; i++) {
			String key = "o-" + (i % 10);
			int sequence = i;
			inTransaction(() -> publisher.publish("order.placed", key, new OrderPlaced(key, "s", 1, sequence)));
		}
		assertThat(unsent()).isEqualTo(200);
		TestRabbitMq.startApp();

		await().atMost(WAIT).until(() -> unsent() == 0);
		await().atMost(WAIT).until(() -> handlers.placed.stream().distinct().count() == 201);
		Map<String, Long> last = new HashMap<>();
		for (OrderPlaced placed : handlers.placed.stream().distinct().toList()) {
			Long previous = last.put(placed.orderId(), placed.sequence());
			if (previous != null) {
				assertThat(placed.sequence()).as("order of key %s", placed.orderId()).isGreaterThan(previous);
			}
		}
	}

	@Test
	void theRelayedMessageCarriesTheTraceItWasPublishedIn() {
		String tap = this.rabbit.tap(this.topic);
		Tracer tracer = this.context.getBean(Tracer.class);
		Span span = tracer.nextSpan().name("place order").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			inTransaction(() -> this.context.getBean(EventPublisher.class)
				.publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 1)));
		}
		finally {
			span.end();
		}
		Message message = this.rabbit.readAll(tap, 1, WAIT).get(0);
		assertThat(message.getMessageProperties().<String>getHeader("traceparent")).contains(span.context().traceId());
	}

	private void inTransaction(Runnable work) {
		new TransactionTemplate(this.context.getBean(PlatformTransactionManager.class))
			.executeWithoutResult((status) -> work.run());
	}

	private int unsent() {
		return this.context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM microkit_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
					Integer.class);
	}

}
