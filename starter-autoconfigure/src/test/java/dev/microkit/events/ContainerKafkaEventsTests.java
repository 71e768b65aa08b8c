package dev.microkit.events;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event scenarios on the official Kafka image, connected through
 * {@code @ServiceConnection}, where Docker is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaEventsTests extends EventsScenarios {

	@Container
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1").withEnv("KAFKA_NUM_PARTITIONS", "3");

	@Override
	protected String bootstrapServers() {
		return kafka.getBootstrapServers();
	}

	@Override
	protected Class<?>[] moreSources() {
		return new Class<?>[] { KafkaServiceConnection.class };
	}

	@Configuration(proxyBeanMethods = false)
	static class KafkaServiceConnection {

		// the container outlives each application of the test class
		@Bean(destroyMethod = "")
		@ServiceConnection
		KafkaContainer kafka() {
			return kafka;
		}

	}

}
