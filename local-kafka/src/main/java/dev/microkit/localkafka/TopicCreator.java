package dev.microkit.localkafka;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the demo's topics once the broker answers, leaving existing ones alone.
 */
final class TopicCreator {

	private static final long READY_TIMEOUT_SECONDS = 120;

	private TopicCreator() {
	}

	/**
	 * Creates the topics from a thread of its own, for a broker that is still starting,
	 * and tells whether it could.
	 */
	static void createWhenReady(LocalKafkaSettings settings, PrintStream out) {
		Thread thread = new Thread(() -> {
			List<String> wanted = LocalKafka.topicsWithDeadLetters(settings.topics());
			try {
				create(settings);
				out.println(LocalKafka.READY + " on " + settings.bootstrapServers() + " with topics " + wanted);
			}
			catch (Exception ex) {
				System.err
					.println("Kafka started, but the topics " + wanted + " could not be created: " + ex.getMessage());
			}
		}, "local-kafka-topics");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Creates the topics that are missing, waiting for the broker to answer.
	 */
	static void create(LocalKafkaSettings settings) throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				(int) TimeUnit.SECONDS.toMillis(READY_TIMEOUT_SECONDS));
		List<String> wanted = LocalKafka.topicsWithDeadLetters(settings.topics());
		try (AdminClient admin = AdminClient.create(config)) {
			Set<String> existing = admin.listTopics().names().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			List<NewTopic> missing = wanted.stream()
				.filter((topic) -> !existing.contains(topic))
				.map((topic) -> new NewTopic(topic, settings.partitions(), (short) 1))
				.toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}
	}

}
