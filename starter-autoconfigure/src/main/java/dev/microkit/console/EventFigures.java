package dev.microkit.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.lang.Nullable;

/**
 * The events' side of a snapshot, read from the meters the events record: sends per
 * topic, deliveries per topic and group, the consumers' lag and the outbox.
 */
final class EventFigures {

	private static final double MILLIS_PER_SECOND = 1000;

	private static final Predicate<Meter.Id> ALL = (id) -> true;

	private static final Predicate<Meter.Id> FAILED = (id) -> "failure".equals(id.getTag("outcome"));

	private final MeterRegistry meters;

	private final Map<String, Double> countsBefore = new HashMap<>();

	EventFigures(MeterRegistry meters) {
		this.meters = meters;
	}

	List<ConsoleSnapshot.Topic> topics() {
		Map<String, Double> published = sumBy("microkit.events.published", ALL, "topic");
		Map<String, Double> failures = sumBy("microkit.events.published", FAILED, "topic");
		Map<String, Double> handled = sumBy("microkit.events.consumed", ALL, "topic", "group");
		Map<String, Double> retried = sumBy("microkit.events.retried", ALL, "topic", "group");
		Map<String, Double> deadLettered = sumBy("microkit.events.dead.lettered", ALL, "topic", "group");
		Map<String, Double> lag = lagByTopic();
		TreeSet<String> topics = new TreeSet<>(published.keySet());
		handled.keySet().forEach((key) -> topics.add(topicOf(key)));
		List<ConsoleSnapshot.Topic> rows = new ArrayList<>();
		for (String topic : topics) {
			TreeSet<String> groups = new TreeSet<>();
			handled.keySet().stream().filter((key) -> topicOf(key).equals(topic)).forEach(groups::add);
			List<ConsoleSnapshot.Group> groupRows = new ArrayList<>();
			for (String key : groups) {
				groupRows.add(new ConsoleSnapshot.Group(key.substring(topic.length() + 1),
						rate("handled " + key, handled.get(key)), rate("retried " + key, retried.get(key)),
						Math.round(deadLettered.getOrDefault(key, 0.0)), lag.get(topic)));
			}
			rows.add(new ConsoleSnapshot.Topic(topic, rate("published " + topic, published.get(topic)),
					Math.round(failures.getOrDefault(topic, 0.0)), groupRows));
		}
		return rows;
	}

	@Nullable
	ConsoleSnapshot.Outbox outbox() {
		Gauge backlog = this.meters.find("microkit.events.outbox.backlog").gauge();
		Gauge oldest = this.meters.find("microkit.events.outbox.oldest.age").gauge();
		if (backlog == null || oldest == null) {
			return null;
		}
		return new ConsoleSnapshot.Outbox(backlog.value(), oldest.value() * MILLIS_PER_SECOND);
	}

	/**
	 * Sums the counted series of a counter by the values of some tags, joined by a space;
	 * a series without one of them is left out.
	 */
	private Map<String, Double> sumBy(String name, Predicate<Meter.Id> counted, String... tags) {
		Map<String, Double> sums = new TreeMap<>();
		for (Counter counter : this.meters.find(name).counters()) {
			Meter.Id id = counter.getId();
			List<String> values = Stream.of(tags).map(id::getTag).toList();
			if (counted.test(id) && !values.contains(null)) {
				sums.merge(String.join(" ", values), counter.count(), Double::sum);
			}
		}
		return sums;
	}

	// Kafka's consumer metrics, bound by the events' consumer factory, give each assigned
	// partition's lag; RabbitMQ has no lag to give here.
	private Map<String, Double> lagByTopic() {
		Map<String, Double> lag = new HashMap<>();
		for (Gauge gauge : this.meters.find("kafka.consumer.fetch.manager.records.lag").gauges()) {
			String topic = gauge.getId().getTag("topic");
			double value = gauge.value();
			if (topic != null && gauge.getId().getTag("partition") != null && Double.isFinite(value)) {
				lag.merge(topic, Math.max(0, value), Double::sum);
			}
		}
		return lag;
	}

	private double rate(String key, @Nullable Double count) {
		double now = (count != null) ? count : 0;
		Double before = this.countsBefore.put(key, now);
		return (before != null) ? Math.max(0, now - before) : 0;
	}

	private static String topicOf(String topicAndGroup) {
		return topicAndGroup.substring(0, topicAndGroup.indexOf(' '));
	}

}
