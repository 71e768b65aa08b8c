package dev.microkit.events.listener;

import java.util.Map;
import java.util.Set;

import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.idempotency.ProcessedEventStore;

/**
 * Makes the dispatcher of each listener container from what every dispatcher shares: the
 * payload reader, the idempotent consumer's store, the unknown-type policy and the
 * metrics.
 */
public class EventDispatchers {

	private final EventPayloadReader payloads;

	private final ProcessedEventStore processedEvents;

	private final EventsProperties.UnknownTypes unknownTypes;

	private final EventsMetrics metrics;

	public EventDispatchers(EventPayloadReader payloads, ProcessedEventStore processedEvents,
			EventsProperties.UnknownTypes unknownTypes, EventsMetrics metrics) {
		this.payloads = payloads;
		this.processedEvents = processedEvents;
		this.unknownTypes = unknownTypes;
		this.metrics = metrics;
	}

	EventDispatcher dispatcher(String group, String metricsGroup, Map<String, EventHandlerMethod> handlers,
			Set<String> typesOnTopic, boolean deadLetters) {
		return new EventDispatcher(group, metricsGroup, handlers, typesOnTopic, deadLetters, this.payloads,
				this.processedEvents, this.unknownTypes, this.metrics);
	}

}
