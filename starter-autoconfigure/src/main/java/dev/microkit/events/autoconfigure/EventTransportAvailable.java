package dev.microkit.events.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The chosen transport's client is on the class path and Boot has configured it.
 */
class EventTransportAvailable extends AnyNestedCondition {

	EventTransportAvailable() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(name = "microkit.events.transport", havingValue = "kafka", matchIfMissing = true)
	@ConditionalOnClass(name = "org.springframework.kafka.core.KafkaTemplate")
	@ConditionalOnBean(type = "org.springframework.kafka.core.KafkaAdmin")
	static class Kafka {

	}

	@ConditionalOnProperty(name = "microkit.events.transport", havingValue = "rabbitmq")
	@ConditionalOnClass(name = "org.springframework.amqp.rabbit.core.RabbitTemplate")
	@ConditionalOnBean(type = "org.springframework.amqp.rabbit.connection.ConnectionFactory")
	static class Rabbit {

	}

}
