package dev.microkit.events.listener;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import dev.microkit.events.EventHandler;

/**
 * Health of the listener containers that hand deliveries to {@link EventHandler} methods,
 * on either transport: UP while every one runs, DOWN once one that should run has
 * stopped, with the state of each container, by name, in the details. spring-kafka stops
 * a consumer for good on some failures (authorization refused, an error handler that
 * stops the container) and does not start it again: the instance then goes on without
 * handling its share of the events until it is restarted. Before the containers start and
 * after they stop with the application, the listeners are OUT_OF_SERVICE; while they wait
 * for a broker that did not answer at startup, DOWN with the reason.
 * <p>
 * The indicator is part of the readiness group: an instance whose consumers stopped is
 * not ready, so that a rolling update waits instead of replacing instances that handle
 * events with ones that do not, and the instance shows as not ready until it is
 * restarted.
 */
public class EventListenersHealthIndicator implements HealthIndicator {

	private final EventListeners listeners;

	public EventListenersHealthIndicator(EventListeners listeners) {
		this.listeners = listeners;
	}

	@Override
	public Health health() {
		if (!this.listeners.isRunning()) {
			return Health.outOfService().build();
		}
		String waiting = this.listeners.waitingForBroker();
		if (waiting != null) {
			return Health.down().withDetail(this.listeners.transport(), waiting).build();
		}
		Map<String, String> states = new TreeMap<>();
		this.listeners.containerStates().forEach((name, running) -> states.put(name, running ? "running" : "stopped"));
		Health.Builder health = states.containsValue("stopped") ? Health.down() : Health.up();
		return health.withDetails(states).build();
	}

}
