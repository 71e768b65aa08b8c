package dev.microkit.events.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.util.StringUtils;

/**
 * Makes sure a record from any partition of a subscribed topic can be dead-lettered to
 * the same partition of {@code <topic>-dlt}: creates a missing dead-letter topic with the
 * source's partition count and replication, and refuses to start when an existing one has
 * fewer partitions than its source.
 */
public class DeadLetterTopics {

	static final String SUFFIX = "-dlt";

	/**
	 * How long each admin operation of the check may take: a broker that does not list
	 * its topics in that time is not reachable, and the check says so rather than wait in
	 * the admin client's retries (a minute by default).
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final KafkaAdmin admin;

	DeadLetterTopics(KafkaAdmin admin) {
		this.admin = admin;
	}

	public static String of(String topic) {
		return topic + SUFFIX;
	}

	/**
	 * Checks and creates the dead-letter topics of the given topics.
	 * @throws KafkaUnreachableException when the broker does not answer in time
	 * @throws IllegalStateException when a dead-letter topic cannot take every
	 * partition's records, or Kafka refuses the check
	 */
	void check(Collection<String> topics) {
		try (BoundedAdminClient admin = new BoundedAdminClient(this.admin, TIMEOUT)) {
			AdminClient client = admin.client();
			Set<String> existing = client.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
		catch (TimeoutException ex) {
			throw unreachable(topics, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
				throw unreachable(topics, ex);
			}
			throw new IllegalStateException("Could not check the dead-letter topics of " + topics + " at "
					+ bootstrapServers() + ": " + ex.getCause().getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking dead-letter topics", ex);
		}
	}

	private KafkaUnreachableException unreachable(Collection<String> topics, Exception cause) {
		return new KafkaUnreachableException("Kafka at " + bootstrapServers() + " did not answer within "
				+ TIMEOUT.toSeconds() + " s while the dead-letter topics of " + topics + " were checked", cause);
	}

	private String bootstrapServers() {
		Object servers = this.admin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		return (servers instanceof Collection<?> list) ? StringUtils.collectionToCommaDelimitedString(list)
				: String.valueOf(servers);
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
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
