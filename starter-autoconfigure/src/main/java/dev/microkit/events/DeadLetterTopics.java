package dev.microkit.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes sure a record from any partition of a subscribed topic can be dead-lettered to
 * the same partition of {@code <topic>-dlt}: creates a missing dead-letter topic with the
 * source's partition count and replication, and refuses to start when an existing one
 * has fewer partitions than its source.
 */
class DeadLetterTopics {

	static final String SUFFIX = "-dlt";

	private static final long TIMEOUT_SECONDS = 30;

	private final KafkaAdmin admin;

	DeadLetterTopics(KafkaAdmin admin) {
		this.admin = admin;
	}

	static String of(String topic) {
		return topic + SUFFIX;
	}

	void check(Collection<String> topics) {
		try (AdminClient client = AdminClient.create(this.admin.getConfigurationProperties())) {
			Set<String> existing = client.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			List<String> known = topics.stream().filter(existing::contains).toList();
			Map<String, TopicDescription> sources = describe(client, known);
			for (TopicDescription source : sources.values()) {
				String deadLetter = of(source.name());
				if (existing.contains(deadLetter)) {
					compare(source, describe(client, List.of(deadLetter)).get(deadLetter));
				}
				else {
					create(client, source, deadLetter);
				}
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not check the dead-letter topics of " + topics
					+ " (is Kafka reachable at " + this.admin.getConfigurationProperties().get("bootstrap.servers")
					+ "?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking dead-letter topics", ex);
		}
	}

	private static void compare(TopicDescription source, TopicDescription deadLetter) {
		int needed = source.partitions().size();
		int has = deadLetter.partitions().size();
		if (has < needed) {
			throw new IllegalStateException("Topic '" + source.name() + "' has " + needed + " partitions but '"
					+ deadLetter.name() + "' has " + has + ": a failed record from partition " + (needed - 1)
					+ " could not be dead-lettered. Give '" + deadLetter.name() + "' at least " + needed
					+ " partitions (kafka-topics.sh --alter --topic " + deadLetter.name() + " --partitions " + needed
					+ ").");
		}
	}

	private static void create(AdminClient client, TopicDescription source, String deadLetter)
			throws InterruptedException, ExecutionException, TimeoutException {
		short replication = (short) source.partitions().get(0).replicas().size();
		try {
			client.createTopics(List.of(new NewTopic(deadLetter, source.partitions().size(), replication)))
				.all()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
			// another instance created it meanwhile: check what it created
			compare(source, describe(client, List.of(deadLetter)).get(deadLetter));
		}
	}

	private static Map<String, TopicDescription> describe(AdminClient client, Collection<String> topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		if (topics.isEmpty()) {
			return Map.of();
		}
		return client.describeTopics(topics)
			.allTopicNames()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
