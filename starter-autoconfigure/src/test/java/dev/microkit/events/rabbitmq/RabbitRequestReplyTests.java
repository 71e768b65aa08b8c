package dev.microkit.events.rabbitmq;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.events.EventsTestApplication;
import dev.microkit.events.RequestReplyScenarios;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.testsupport.rabbitmq.RabbitMqServer;
import dev.microkit.testsupport.rabbitmq.TestRabbitMq;

import static org.awaitility.Awaitility.await;

/**
 * Request-reply over RabbitMQ: each instance reads its replies from a queue of its own,
 * which replies reach through the default exchange.
 */
class RabbitRequestReplyTests extends RequestReplyScenarios {

	private final String topic = RabbitTestSupport.unique("quotes");

	private final String group = RabbitTestSupport.unique("events-test");

	private RabbitMqServer server;

	private RabbitTestSupport rabbit;

	@BeforeEach
	void connect() {
		this.server = TestRabbitMq.server();
		this.rabbit = new RabbitTestSupport(this.server);
		this.rabbit.removeLater(this.topic, this.group);
	}

	@AfterEach
	void disconnect() {
		this.rabbit.close();
	}

	@Override
	protected ConfigurableApplicationContext run() {
		List<String> properties = new ArrayList<>(List.of("microkit.events.transport=rabbitmq",
				"microkit.events.routes.stock=" + this.topic, "microkit.events.group=" + this.group,
				"microkit.events.idempotency.store=memory", "microkit.events.concurrency=2"));
		properties.addAll(this.server.springProperties());
		ConfigurableApplicationContext context = EventsTestApplication.run(new Class<?>[] { QuoteHandlers.class },
				"127.0.0.1:1", properties.toArray(String[]::new));
		await().atMost(WAIT).until(context.getBean(EventListeners.class)::isAssigned);
		return context;
	}

	@Override
	protected String topic() {
		return this.topic;
	}

	@Override
	protected boolean replyAddressExists(String address) {
		return this.rabbit.exists(address);
	}

}
