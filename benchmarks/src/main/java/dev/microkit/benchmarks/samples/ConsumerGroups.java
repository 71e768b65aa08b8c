package dev.microkit.benchmarks.samples;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.ConsumerGroupState;

/**
 * The samples' consumer groups as the broker sees them. A service is ready before its
 * consumers have joined their group, and an instance joining later makes the group
 * rebalance, which holds every event of the group back for seconds: orders measured then
 * would measure the rebalance.
 */
final class ConsumerGroups {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private final String bootstrapServers;

	ConsumerGroups(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Waits until each group is stable with the given number of members, each of them
	 * assigned partitions.
	 * @param members the members expected in each group, by group id
	 */
	void awaitStable(Map<String, Integer> members, Duration timeout) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!stable(admin, members)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"Consumer groups " + members.keySet() + " not stable after " + timeout.toSeconds() + " s");
				}
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for consumer groups", ex);
		}
	}

	private static boolean stable(Admin admin, Map<String, Integer> members) throws InterruptedException {
		try {
			Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(members.keySet())
				.all()
				.get(5, TimeUnit.SECONDS);
			return members.entrySet()
				.stream()
				.allMatch((group) -> stable(groups.get(group.getKey()), group.getValue()));
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	private static boolean stable(ConsumerGroupDescription group, int members) {
		return group.state() == ConsumerGroupState.STABLE && group.members().size() == members
				&& group.members().stream().noneMatch((member) -> member.assignment().topicPartitions().isEmpty());
	}

}
