package dev.microkit.events.rabbitmq;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.events.RequestReplyScenarios;
import dev.microkit.testsupport.rabbitmq.TestRabbitMq;

/**
 * Request-reply over RabbitMQ: each instance reads its replies from a queue of its own,
 * which replies reach through the default exchange.
 */
class RabbitRequestReplyTests extends RequestReplyScenarios {

	private final String topic = RabbitTestSupport.unique("quotes");

	private final String group = RabbitTestSupport.unique("events-test");

	private RabbitTestSupport rabbit;

	@BeforeEach
	void connect() {
		this.rabbit = new RabbitTestSupport(TestRabbitMq.server());
		this.rabbit.removeLater(this.topic, this.group);
	}

	@AfterEach
	void disconnect() {
		this.rabbit.close();
	}

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("microkit.events.routes.stock=" + this.topic, "microkit.events.concurrency=2"));
		all.addAll(List.of(properties));
		return this.rabbit.run(new Class<?>[] { QuoteHandlers.class }, this.group, WAIT, all.toArray(String[]::new));
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
