package dev.microkit.testsupport.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker in the test's own JVM.
 */
class InProcessKafkaBrokerTests {

	@Test
	void sharedBrokerIsOnePerJvm() {
		assertThat(InProcessKafkaBroker.shared()).isSameAs(InProcessKafkaBroker.shared());
	}

	@Test
	void sharedBrokerCreatesATopicWhenFirstUsed() throws Exception {
		String bootstrapServers = InProcessKafkaBroker.shared().bootstrapServers();
		KafkaRecords.send(bootstrapServers, "first-used", "placed");
		assertThat(KafkaRecords.readAll(bootstrapServers, "first-used")).containsExactly("placed");
		assertThat(describe(bootstrapServers, "first-used").partitions()).hasSize(InProcessKafkaBroker.PARTITIONS);
	}

	@Test
	void newTopicIsOneNoOtherTestUses() throws Exception {
		InProcessKafkaBroker broker = InProcessKafkaBroker.shared();
		String topic = broker.newTopic("measurement");
		assertThat(topic).startsWith("measurement-").isNotEqualTo(broker.newTopic("measurement"));
		assertThat(describe(broker.bootstrapServers(), topic).partitions()).hasSize(InProcessKafkaBroker.PARTITIONS);
	}

	@Test
	void brokerOfItsOwnHasItsTopicsAndTheirDeadLetterTwins() throws Exception {
		try (InProcessKafkaBroker broker = InProcessKafkaBroker.start("orders")) {
			assertThat(describe(broker.bootstrapServers(), "orders-dlt").partitions())
				.hasSize(InProcessKafkaBroker.PARTITIONS);
		}
	}

	private static TopicDescription describe(String bootstrapServers, String topic) throws Exception {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
		}
	}

}
