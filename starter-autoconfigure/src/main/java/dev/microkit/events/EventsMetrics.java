package dev.microkit.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of events per type: published, consumed, failed, retried, dead-lettered, skipped
 * as duplicates or of unknown type, and handling time. Each meter is looked up in the
 * registry once and kept: a publish is counted on the producer's single I/O thread, where
 * a registry lookup per event would slow every send.
 */
public class EventsMetrics {

	private final MeterRegistry registry;

	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	// Publishes have their own small key: building and hashing a list of seven strings
	// per event took a fifth of the producer I/O thread's time.
	private final Map<Published, Counter> published = new ConcurrentHashMap<>();

	private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

	private final String transport;

	public EventsMetrics(MeterRegistry registry) {
		this(registry, "kafka");
	}

	/**
	 * Creates the meters of events over a transport, which each meter names in its
	 * {@code transport} tag.
	 * @param registry where the meters go
	 * @param transport {@code kafka} or {@code rabbitmq}
	 */
	public EventsMetrics(MeterRegistry registry, String transport) {
		this.registry = registry;
		this.transport = transport;
	}

	public void published(String type, String topic, Throwable failure) {
		this.published
			.computeIfAbsent(new Published(type, topic, failure != null),
					(key) -> Counter.builder("microkit.events.published")
						.description("Events sent to the broker, by outcome")
						.tags("type", type, "topic", topic, "outcome", key.failed() ? "failure" : "success",
								"transport", this.transport)
						.register(this.registry))
			.increment();
	}

	public void consumed(String type, String topic, String group) {
		count("microkit.events.consumed", "Event deliveries received by handlers", "type", type, "topic", topic,
				"group", group);
	}

	public void handled(String type, String group, long nanos, Throwable failure) {
		String outcome = (failure != null) ? "failure" : "success";
		this.timers
			.computeIfAbsent(List.of(type, group, outcome),
					(key) -> Timer.builder("microkit.events.handling")
						.description("Time handlers took per delivery, by outcome")
						.tags("type", type, "group", group, "outcome", outcome, "transport", this.transport)
						.publishPercentileHistogram()
						.register(this.registry))
			.record(nanos, TimeUnit.NANOSECONDS);
		if (failure != null) {
			count("microkit.events.failed", "Deliveries whose handler threw", "type", type, "group", group);
		}
	}

	public void retried(String type, String topic, String group) {
		count("microkit.events.retried", "Deliveries retried after a failure", "type", type, "topic", topic, "group",
				group);
	}

	public void deadLettered(String type, String topic, String group, String reason) {
		count("microkit.events.dead.lettered", "Records sent to the dead-letter topic", "type", type, "topic", topic,
				"group", group, "reason", reason);
	}

	/**
	 * Counts a record of a type no handler knows, under the type {@code unknown}: its
	 * {@code ce_type} comes from whoever wrote the record, and must not create a meter.
	 */
	public void unknownType(String topic, String group) {
		count("microkit.events.unknown", "Records of a type no handler of the group knows", "type", "unknown", "topic",
				topic, "group", group);
	}

	public void duplicate(String type, String group) {
		count("microkit.events.duplicates", "Deliveries skipped because the event was handled before", "type", type,
				"group", group);
	}

	/**
	 * Times a request from sending to its end.
	 * @param outcome {@code answered}, {@code timeout} or {@code failed}
	 */
	public void requested(String type, String outcome, long nanos) {
		this.timers
			.computeIfAbsent(List.of("requests", type, outcome, ""),
					(key) -> Timer.builder("microkit.events.requests")
						.description("Requests from sending to their reply, timeout or failure, by outcome")
						.tags("type", type, "outcome", outcome, "transport", this.transport)
						.publishPercentileHistogram()
						.register(this.registry))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Counts a reply no request waited for, dropped.
	 * @param reason {@code late}, {@code duplicate} or {@code unknown}
	 */
	public void unmatchedReply(String reason) {
		count("microkit.events.replies.unmatched", "Replies dropped because no request waited for them", "reason",
				reason);
	}

	private void count(String name, String description, String... tags) {
		List<String> key = new ArrayList<>(tags.length + 1);
		key.add(name);
		Collections.addAll(key, tags);
		this.counters
			.computeIfAbsent(key,
					(k) -> Counter.builder(name)
						.description(description)
						.tags(tags)
						.tag("transport", this.transport)
						.register(this.registry))
			.increment();
	}

	private record Published(String type, String topic, boolean failed) {
	}

}
