package dev.microkit.events.listener;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.microkit.events.EventHandler;

/**
 * Health of the listener containers that hand records to {@link EventHandler} methods: UP
 * while every one runs, DOWN once one that should run has stopped, with the state of each
 * container, by name, in the details. spring-kafka stops a consumer for good on some
 * failures (authorization refused, an error handler that stops the container) and does
 * not start it again: the instance then goes on without handling its share of the events
 * until it is restarted. Before the containers start and after they stop with the
 * application, the listeners are OUT_OF_SERVICE; while they wait for a Kafka that did not
 * answer at startup, DOWN with the reason.
 * <p>
 * The indicator is part of the readiness group: an instance whose consumers stopped is
 * not ready, so that a rolling update waits instead of replacing instances that handle
 * events with ones that do not, and the instance shows as not ready until it is
 * restarted.
 */
public class EventListenersHealthIndicator implements HealthIndicator {

	private final EventListenerContainers listeners;

	public EventListenersHealthIndicator(EventListenerContainers listeners) {
		this.listeners = listeners;
	}

	@Override
	public Health health() {
		if (!this.listeners.isRunning()) {
			return Health.outOfService().build();
		}
		String waiting = this.listeners.waitingForKafka();
		if (waiting != null) {
			return Health.down().withDetail("kafka", waiting).build();
		}
		Map<String, String> states = new TreeMap<>();
		this.listeners.containers()
			.forEach((container) -> states.put(container.getBeanName(), isRunning(container) ? "running" : "stopped"));
		Health.Builder health = states.containsValue("stopped") ? Health.down() : Health.up();
		return health.withDetails(states).build();
	}

	// a concurrent container keeps running while one of its consumers has stopped
	private static boolean isRunning(MessageListenerContainer container) {
		return container.isRunning() && container.isInExpectedState();
	}

}
