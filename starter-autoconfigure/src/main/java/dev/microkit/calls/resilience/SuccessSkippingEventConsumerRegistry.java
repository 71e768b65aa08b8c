package dev.microkit.calls.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnSuccessEvent;
import io.github.resilience4j.consumer.CircularEventConsumer;
import io.github.resilience4j.consumer.EventConsumerRegistry;

/**
 * The buffers of recent circuit-breaker events that the actuator's
 * {@code circuitbreakerevents} endpoint shows, without the successful calls. Written
 * because Resilience4j's buffer takes one write lock, shared by every caller of the
 * breaker, for every event: with a success event per call, callers queued on that lock,
 * and a buffer of 100 events held the last few milliseconds of successes rather than the
 * errors, rejections and state transitions one looks there for. Not a subclass of
 * Resilience4j's {@code DefaultEventConsumerRegistry}: it creates its consumers itself
 * and keeps them in a map of its own.
 */
public class SuccessSkippingEventConsumerRegistry implements EventConsumerRegistry<CircuitBreakerEvent> {

	private final Map<String, CircularEventConsumer<CircuitBreakerEvent>> consumers = new ConcurrentHashMap<>();

	@Override
	public CircularEventConsumer<CircuitBreakerEvent> createEventConsumer(String id, int bufferSize) {
		CircularEventConsumer<CircuitBreakerEvent> consumer = new SuccessSkippingEventConsumer(bufferSize);
		this.consumers.put(id, consumer);
		return consumer;
	}

	@Override
	public CircularEventConsumer<CircuitBreakerEvent> removeEventConsumer(String id) {
		return this.consumers.remove(id);
	}

	@Override
	public CircularEventConsumer<CircuitBreakerEvent> getEventConsumer(String id) {
		return this.consumers.get(id);
	}

	@Override
	public List<CircularEventConsumer<CircuitBreakerEvent>> getAllEventConsumer() {
		return new ArrayList<>(this.consumers.values());
	}

	private static final class SuccessSkippingEventConsumer extends CircularEventConsumer<CircuitBreakerEvent> {

		SuccessSkippingEventConsumer(int bufferSize) {
			super(bufferSize);
		}

		@Override
		public void consumeEvent(CircuitBreakerEvent event) {
			if (!(event instanceof CircuitBreakerOnSuccessEvent)) {
				super.consumeEvent(event);
			}
		}

	}

}
