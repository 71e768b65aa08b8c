package dev.microkit.benchmarks;

import java.util.UUID;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, Kafka's own server classes) in this JVM, shared by the
 * events benchmarks and started when first asked for: a broker start costs seconds that
 * the smoke suite does not have three times.
 */
final class InProcessKafkaBroker {

	static final int PARTITIONS = 3;

	private static EmbeddedKafkaBroker broker;

	private InProcessKafkaBroker() {
	}

	static synchronized String bootstrapServers() {
		if (broker == null) {
			// the broker starts before any application has set logging up
			LoggingSystem logging = LoggingSystem.get(InProcessKafkaBroker.class.getClassLoader());
			logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
			EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
			kraft.brokerListProperty(null);
			kraft.brokerProperty("auto.create.topics.enable", "false");
			// a consumer group of one application need not wait for more members to join
			kraft.brokerProperty("group.initial.rebalance.delay.ms", "0");
			kraft.afterPropertiesSet();
			broker = kraft;
			Runtime.getRuntime().addShutdownHook(new Thread(kraft::destroy));
		}
		return broker.getBrokersAsString();
	}

	/**
	 * Creates a topic of its own for one measurement, so that no consumer reads what an
	 * earlier one left.
	 * @return its name
	 */
	static String newTopic(String prefix) {
		bootstrapServers();
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		broker.addTopics(new NewTopic(name, PARTITIONS, (short) 1));
		return name;
	}

}
