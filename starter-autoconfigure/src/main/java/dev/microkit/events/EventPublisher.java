package dev.microkit.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.util.Assert;

/**
 * Publishes events: fills the CloudEvents headers, serializes the payload with the
 * application's {@link ObjectMapper}, routes the type to its topic and keys the record by
 * the entity id so that the events of one entity stay in order.
 */
public class EventPublisher {

	private final EventSender sender;

	private final ObjectMapper objectMapper;

	private final TopicRouter router;

	private final String source;

	private final EventsMetrics metrics;

	private final EventOutbox outbox;

	public EventPublisher(EventSender sender, ObjectMapper objectMapper, TopicRouter router, String source,
			EventsMetrics metrics) {
		this(sender, objectMapper, router, source, metrics, null);
	}

	/**
	 * Creates a publisher that writes to the outbox when called inside a transaction.
	 * @param outbox the outbox, or {@code null} to always send directly
	 */
	public EventPublisher(EventSender sender, ObjectMapper objectMapper, TopicRouter router, String source,
			EventsMetrics metrics, EventOutbox outbox) {
		this.sender = sender;
		this.objectMapper = objectMapper;
		this.router = router;
		this.source = source;
		this.metrics = metrics;
		this.outbox = outbox;
	}

	/**
	 * Publishes one event.
	 * @param type the event type, such as {@code order.placed}
	 * @param key the id of the entity the event is about; events with the same key are
	 * consumed in the order they were published
	 * @param payload the event data, written as JSON
	 * @return completes when the broker has acknowledged the event, or fails with the
	 * reason it could not be sent; when the outbox is enabled and a transaction is
	 * active, completes at once with partition and offset -1: the event is in the outbox,
	 * and is sent after the transaction commits, or never if it rolls back
	 */
	public CompletableFuture<PublishedEvent> publish(String type, String key, Object payload) {
		OutgoingEvent event = prepare(type, key, payload);
		if (this.outbox != null && this.outbox.coversCurrentTransaction()) {
			this.outbox.write(event);
			return CompletableFuture
				.completedFuture(new PublishedEvent(event.id(), event.type(), event.key(), event.topic(), -1, -1));
		}
		CompletableFuture<PublishedEvent> send;
		try {
			send = this.sender.send(event);
		}
		catch (RuntimeException ex) {
			// what the client refuses at once, such as an event larger than it sends
			send = CompletableFuture.failedFuture(ex);
		}
		return send.handle((published, failure) -> {
			this.metrics.published(event.type(), event.topic(), failure);
			if (failure != null) {
				throw new EventPublishingException(event, unwrap(failure));
			}
			return published;
		});
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	OutgoingEvent prepare(String type, String key, Object payload) {
		Assert.hasText(type, "An event needs a type");
		Assert.hasText(key, "An event needs a key: the id of the entity it is about");
		Assert.notNull(payload, "An event needs a payload");
		return OutgoingEvent.create(type, this.source, key, this.router.topicFor(type), toJson(type, payload));
	}

	private byte[] toJson(String type, Object payload) {
		try {
			return this.objectMapper.writeValueAsBytes(payload);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("The payload of a '" + type + "' event cannot be written as JSON", ex);
		}
	}

}
