package dev.microkit.events.listener;

import java.util.function.Supplier;

import dev.microkit.events.Delivery;
import dev.microkit.events.EventPublisher;
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

	private final RequestReplies replies;

	public EventDispatchers(EventPayloadReader payloads, ProcessedEventStore processedEvents,
			EventsProperties.UnknownTypes unknownTypes, EventsMetrics metrics) {
		this(payloads, processedEvents, unknownTypes, metrics, null);
	}

	/**
	 * Creates the dispatchers' factory.
	 * @param publisher answers requests with their handlers' return values, or
	 * {@code null} to leave them unanswered
	 */
	public EventDispatchers(EventPayloadReader payloads, ProcessedEventStore processedEvents,
			EventsProperties.UnknownTypes unknownTypes, EventsMetrics metrics, Supplier<EventPublisher> publisher) {
		this.payloads = payloads;
		this.processedEvents = processedEvents;
		this.unknownTypes = unknownTypes;
		this.metrics = metrics;
		this.replies = (publisher != null) ? new RequestReplies(publisher) : RequestReplies.NONE;
	}

	/**
	 * The dispatcher of one subscription's container.
	 * @param subscription the subscription
	 * @param group the group whose handlers it calls, where the idempotent consumer
	 * records what was handled
	 * @param metricsGroup the group its metrics are tagged with
	 * @return the dispatcher
	 */
	public EventDispatcher dispatcher(EventSubscriptions.Subscription subscription, String group, String metricsGroup) {
		// Only the competing group dead-letters what nobody can handle: a broadcast group
		// reads the same deliveries, and would dead-letter each of them once per
		// instance. Only the competing group answers requests, for the same reason.
		boolean deadLetters = subscription.delivery() == Delivery.COMPETING;
		return new EventDispatcher(group, metricsGroup, subscription.handlers(), subscription.typesOnTopic(),
				deadLetters, this.payloads, this.processedEvents, this.unknownTypes, this.metrics,
				deadLetters ? this.replies : RequestReplies.NONE);
	}

}
