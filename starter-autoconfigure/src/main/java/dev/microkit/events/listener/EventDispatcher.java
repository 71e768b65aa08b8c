package dev.microkit.events.listener;

import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.microkit.events.EventHandlingException;
import dev.microkit.events.EventMetadata;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.PoisonPillException;
import dev.microkit.events.idempotency.ProcessedEventStore;
import dev.microkit.events.UnknownEventTypeException;

/**
 * Hands each delivery of one subscription to the handler of its type: reads the envelope,
 * reads and checks the payload ({@link EventPayloadReader}), skips events the group
 * handled before, and times the handling. Whatever cannot be handled is thrown, for the
 * container's error handler to retry or dead-letter.
 */
public class EventDispatcher {

	private static final Log logger = LogFactory.getLog(EventDispatcher.class);

	private final String group;

	private final String metricsGroup;

	private final Map<String, EventHandlerMethod> handlers;

	private final Set<String> typesOnTopic;

	private final boolean deadLetters;

	private final EventPayloadReader payloads;

	private final ProcessedEventStore processedEvents;

	private final EventsProperties.UnknownTypes unknownTypes;

	private final EventsMetrics metrics;

	private final RequestReplies replies;

	EventDispatcher(String group, String metricsGroup, Map<String, EventHandlerMethod> handlers,
			Set<String> typesOnTopic, boolean deadLetters, EventPayloadReader payloads,
			ProcessedEventStore processedEvents, EventsProperties.UnknownTypes unknownTypes, EventsMetrics metrics,
			RequestReplies replies) {
		this.group = group;
		this.metricsGroup = metricsGroup;
		this.handlers = handlers;
		this.typesOnTopic = typesOnTopic;
		this.deadLetters = deadLetters;
		this.payloads = payloads;
		this.processedEvents = processedEvents;
		this.unknownTypes = unknownTypes;
		this.metrics = metrics;
		this.replies = replies;
	}

	/**
	 * Hands one delivery to its handler.
	 * @param envelope the delivery
	 * @throws PoisonPillException when it cannot be read, for a group that dead-letters
	 * @throws UnknownEventTypeException when no handler knows its type and such
	 * deliveries are dead-lettered
	 */
	public void dispatch(EventEnvelope envelope) {
		try {
			read(envelope);
		}
		catch (PoisonPillException | UnknownEventTypeException ex) {
			if (this.deadLetters) {
				throw ex;
			}
			logger.debug("Skipped by a broadcast group; the competing group dead-letters it: " + ex.getMessage());
		}
	}

	/**
	 * Whether this dispatcher's group dead-letters what cannot be handled: only the
	 * competing group does.
	 * @return whether failures end in the dead letters
	 */
	public boolean deadLetters() {
		return this.deadLetters;
	}

	private void read(EventEnvelope envelope) {
		IncomingEvent event = IncomingEvent.from(envelope);
		EventMetadata metadata = event.metadata();
		EventHandlerMethod handler = this.handlers.get(metadata.type());
		if (handler == null) {
			if (!this.typesOnTopic.contains(metadata.type())) {
				unknown(envelope, metadata);
			}
			return;
		}
		Object payload = this.payloads.read(event, handler);
		this.metrics.consumed(metadata.type(), metadata.topic(), this.metricsGroup);
		long start = System.nanoTime();
		try {
			boolean handled = handle(handler, payload, metadata);
			if (!handled) {
				this.metrics.duplicate(metadata.type(), this.metricsGroup);
			}
			this.metrics.handled(metadata.type(), this.metricsGroup, System.nanoTime() - start, null);
		}
		catch (Exception ex) {
			this.metrics.handled(metadata.type(), this.metricsGroup, System.nanoTime() - start, ex);
			throw (ex instanceof RuntimeException runtime) ? runtime : new EventHandlingException(metadata, ex);
		}
	}

	/**
	 * Calls the handler, once per group for an idempotent one, and answers the event if
	 * it is a request: after the handler's transaction, if any, committed, and not for a
	 * delivery skipped as handled before (the first one answered).
	 */
	private boolean handle(EventHandlerMethod handler, Object payload, EventMetadata metadata) throws Exception {
		Object[] reply = new Object[1];
		boolean handled;
		if (handler.idempotent()) {
			handled = this.processedEvents.handleOnce(this.group, metadata.id(),
					() -> reply[0] = handler.invoke(payload, metadata));
		}
		else {
			reply[0] = handler.invoke(payload, metadata);
			handled = true;
		}
		if (handled) {
			this.replies.answer(metadata, reply[0]);
		}
		return handled;
	}

	private void unknown(EventEnvelope envelope, EventMetadata metadata) {
		this.metrics.unknownType(metadata.topic(), this.metricsGroup);
		if (this.unknownTypes == EventsProperties.UnknownTypes.DEAD_LETTER) {
			throw new UnknownEventTypeException(envelope.describe() + " has type '" + metadata.type()
					+ "', which no handler of group '" + this.group + "' knows");
		}
	}

}
