package dev.microkit.events;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, Kafka's own server classes, in this JVM) for all event
 * tests; topics are created with 3 partitions when first used.
 */
public final class SharedKafkaBroker {

	private static EmbeddedKafkaBroker broker;

	private SharedKafkaBroker() {
	}

	public static synchronized String bootstrapServers() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 3);
			// not as the system property spring.kafka.bootstrap-servers: each test says
			// its broker
			kraft.brokerListProperty(null);
			kraft.brokerProperty("num.partitions", "3");
			kraft.brokerProperty("auto.create.topics.enable", "true");
			kraft.afterPropertiesSet();
			broker = kraft;
			Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
		}
		return broker.getBrokersAsString();
	}

}
