package dev.microkit.events.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microkit.events.EventPublisher;
import dev.microkit.events.EventSender;
import dev.microkit.events.kafka.KafkaEventListeners;
import dev.microkit.events.kafka.KafkaEventSender;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.outbox.OutboxRelay;
import dev.microkit.events.rabbitmq.RabbitEventListeners;
import dev.microkit.events.rabbitmq.RabbitEventSender;

/**
 * {@code microkit.events.transport} chooses the broker, with both clients on the class
 * path, as an application that switches by configuration has them.
 */
class EventsTransportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class, KafkaAutoConfiguration.class,
				RabbitAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.rabbitmq.port=1");

	@Test
	void kafkaIsTheDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean("microkitEventSender", EventSender.class).isInstanceOf(KafkaEventSender.class);
			assertThat(context).getBean(EventListeners.class).isInstanceOf(KafkaEventListeners.class);
			assertThat(context).doesNotHaveBean(RabbitEventListeners.class);
		});
	}

	@Test
	void rabbitmqReplacesEveryKafkaPartOfEvents() {
		this.contextRunner
			.withPropertyValues("microkit.events.transport=rabbitmq",
					"spring.rabbitmq.publisher-confirm-type=correlated", "spring.rabbitmq.publisher-returns=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(EventPublisher.class);
				assertThat(context).getBean("microkitEventSender", EventSender.class)
					.isInstanceOf(RabbitEventSender.class);
				assertThat(context).getBean(EventListeners.class).isInstanceOf(RabbitEventListeners.class);
				assertThat(context).doesNotHaveBean(KafkaEventListeners.class)
					.doesNotHaveBean("microkitEventsKafkaTemplate");
				// Boot's own Kafka beans stay, for the application's use
				assertThat(context).hasSingleBean(KafkaTemplate.class);
			});
	}

	@Test
	void outboxRelaysToTheChosenTransport() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withPropertyValues("microkit.events.transport=rabbitmq", "microkit.events.outbox.enabled=true",
					"spring.rabbitmq.publisher-confirm-type=correlated", "spring.rabbitmq.publisher-returns=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(OutboxRelay.class);
				assertThat(context).getBean("microkitOutboxEventSender", EventSender.class)
					.isInstanceOf(RabbitEventSender.class);
			});
	}

	@Test
	void rabbitmqWithoutPublisherConfirmsFailsNamingTheSettings() {
		this.contextRunner.withPropertyValues("microkit.events.transport=rabbitmq").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("spring.rabbitmq.publisher-confirm-type=correlated")
				.hasMessageContaining("spring.rabbitmq.publisher-returns=true");
		});
	}

	@Test
	void rabbitmqUsesBootsConnectionFactory() {
		this.contextRunner
			.withPropertyValues("microkit.events.transport=rabbitmq",
					"spring.rabbitmq.publisher-confirm-type=correlated", "spring.rabbitmq.publisher-returns=true")
			.run((context) -> assertThat(context).hasSingleBean(CachingConnectionFactory.class));
	}

}
