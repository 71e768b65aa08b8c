package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.microkit.events.EventPublisher;
import dev.microkit.events.EventsTestApplication;
import dev.microkit.events.OrderPlaced;
import dev.microkit.events.RecordingHandlers;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.testsupport.rabbitmq.RabbitMqServer;
import dev.microkit.testsupport.rabbitmq.TestRabbitMq;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application whose RabbitMQ is stopped when it starts: it starts all the same, its
 * listeners are not ready, and once the broker is back they declare their queues and
 * consume.
 */
class RabbitWithoutBrokerAtStartupTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private final String topic = RabbitTestSupport.unique("late-orders");

	private final String group = RabbitTestSupport.unique("late-test");

	private ConfigurableApplicationContext context;

	private RabbitTestSupport rabbit;

	@AfterEach
	void close() {
		TestRabbitMq.startApp();
		if (this.context != null) {
			this.context.close();
		}
		if (this.rabbit != null) {
			this.rabbit.close();
		}
	}

	@Test
	void listenersStartConsumingOnceRabbitMqAnswers() {
		RabbitMqServer server = TestRabbitMq.server();
		this.rabbit = new RabbitTestSupport(server);
		this.rabbit.removeLater(this.topic, this.group);
		TestRabbitMq.stopApp();
		List<String> properties = new ArrayList<>(
				List.of("microkit.events.transport=rabbitmq", "microkit.events.routes.order=" + this.topic,
						"microkit.events.group=" + this.group, "microkit.events.idempotency.store=memory"));
		properties.addAll(server.springProperties());
		this.context = EventsTestApplication.run("127.0.0.1:1", properties.toArray(String[]::new));
		EventListeners listeners = this.context.getBean(EventListeners.class);
		assertThat(listeners.isRunning()).isTrue();
		assertThat(listeners.isAssigned()).isFalse();

		TestRabbitMq.startApp();
		await().atMost(WAIT).until(listeners::isAssigned);
		this.context.getBean(EventPublisher.class)
			.publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 1))
			.join();
		RecordingHandlers handlers = this.context.getBean(RecordingHandlers.class);
		await().atMost(WAIT).until(() -> handlers.placed.size() == 1);
	}

}
