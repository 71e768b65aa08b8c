package dev.microkit.events;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The event scenarios on the official Kafka image, where Docker is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaEventsTests extends EventsScenarios {

	@Container
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1").withEnv("KAFKA_NUM_PARTITIONS", "3");

	@Override
	protected String bootstrapServers() {
		return kafka.getBootstrapServers();
	}

}
