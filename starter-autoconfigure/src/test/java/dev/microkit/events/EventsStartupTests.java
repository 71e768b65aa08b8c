package dev.microkit.events;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What the events side checks when the application starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventsStartupTests {

	private final String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();

	@Test
	void createsAMissingDeadLetterTopicWithTheSourcesPartitions() throws Exception {
		String topic = KafkaTestSupport.uniqueTopic("wide");
		createTopic(topic, 3);
		try (ConfigurableApplicationContext context = EventsTestApplication.run(this.bootstrap,
				"microkit.events.routes.order=" + topic, "microkit.events.idempotency.store=memory")) {
			assertThat(describe(topic + "-dlt").partitions()).hasSize(3);
		}
	}

	@Test
	void refusesADeadLetterTopicWithFewerPartitions(CapturedOutput output) throws Exception {
		String topic = KafkaTestSupport.uniqueTopic("narrow");
		createTopic(topic, 3);
		createTopic(topic + "-dlt", 1);
		assertThatException().isThrownBy(() -> EventsTestApplication.run(this.bootstrap,
				"microkit.events.routes.order=" + topic, "microkit.events.idempotency.store=memory"));
		assertThat(output).contains("Topic '" + topic + "' has 3 partitions but '" + topic + "-dlt' has 1")
			.contains("at least 3 partitions");
	}

	@Test
	void wrongSettingNamesTheKeyTheValueAndTheAcceptedValues(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> EventsTestApplication.run(this.bootstrap, "microkit.events.unknown-types=maybe"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("microkit.events.unknown-types")
			.contains("\"maybe\"")
			.contains("SKIP")
			.contains("DEAD_LETTER");
	}

	@Test
	void negativeRetryIntervalIsRefused(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> EventsTestApplication.run(this.bootstrap, "microkit.events.retry.initial-interval=-5s"));
		assertThat(output).contains("microkit.events.retry.initial-interval")
			.contains("\"-5s\"")
			.contains("must be a positive duration");
	}

	private void createTopic(String name, int partitions) throws Exception {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap))) {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
		}
	}

	private TopicDescription describe(String name) throws Exception {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap))) {
			return admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
		}
	}

}
