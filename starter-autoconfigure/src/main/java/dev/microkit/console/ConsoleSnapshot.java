package dev.microkit.console;

import java.util.List;

import org.springframework.lang.Nullable;

/**
 * What the console shows for one second: rates are per second over the last second,
 * latencies in milliseconds.
 *
 * @param seq the snapshot's number, one more than the one before
 * @param time when it was taken, in milliseconds since the epoch
 * @param clients the clients that have made or prepared calls
 * @param topics the topics events were published to or handled from
 * @param outbox the outbox's figures, if the application has one
 */
public record ConsoleSnapshot(long seq, long time, List<Client> clients, List<Topic> topics, @Nullable Outbox outbox) {

	/**
	 * One client of a service.
	 *
	 * @param client the service id
	 * @param loadBalancer the balancer's name
	 * @param circuitBreaker the breaker's state, if the client has a call policy
	 * @param retriesLeft the retries its budget would allow now, if it has a call policy
	 * @param instances what the calls showed of each instance
	 */
	public record Client(String client, String loadBalancer, @Nullable String circuitBreaker,
			@Nullable Integer retriesLeft, List<Instance> instances) {
	}

	/**
	 * One instance of a client.
	 *
	 * @param instance the instance's host and port
	 * @param callsPerSecond attempts sent to it in the last second
	 * @param successRate the share of recent attempts that succeeded, 0 to 1
	 * @param latencyMs the balancer's latency estimate (peak-EWMA)
	 * @param p99Ms the 99th percentile of attempts in the last 10 seconds, if any
	 * @param inFlight attempts under way now
	 * @param ejected whether it is out of the balancer's choice now
	 * @param ejectedForMs how much longer it stays out
	 */
	public record Instance(String instance, double callsPerSecond, double successRate, double latencyMs,
			@Nullable Double p99Ms, int inFlight, boolean ejected, long ejectedForMs) {
	}

	/**
	 * One topic.
	 *
	 * @param topic the topic, or the exchange on RabbitMQ
	 * @param publishedPerSecond events sent to it in the last second
	 * @param publishFailures sends that failed, since the start
	 * @param groups the groups of this instance that handle it
	 */
	public record Topic(String topic, double publishedPerSecond, long publishFailures, List<Group> groups) {
	}

	/**
	 * One consumer group of a topic.
	 *
	 * @param group the group
	 * @param handledPerSecond deliveries handled in the last second
	 * @param retriesPerSecond deliveries retried in the last second
	 * @param deadLettered records sent to the dead-letter topic, since the start
	 * @param lag records not yet read, at most over the partitions, if the transport
	 * tells
	 */
	public record Group(String group, double handledPerSecond, double retriesPerSecond, long deadLettered,
			@Nullable Double lag) {
	}

	/**
	 * The transactional outbox.
	 *
	 * @param backlog events not yet sent
	 * @param oldestAgeMs the age of the oldest unsent event
	 */
	public record Outbox(double backlog, double oldestAgeMs) {
	}

}
