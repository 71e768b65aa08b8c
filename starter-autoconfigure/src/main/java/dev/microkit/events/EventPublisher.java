package dev.microkit.events;

import java.time.Duration;
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

	private final PendingReplies replies;

	private final ReplyChannel replyChannel;

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
		this(sender, objectMapper, router, source, metrics, outbox, null, null);
	}

	/**
	 * Creates a publisher that can also send requests and wait for their replies.
	 * @param outbox the outbox, or {@code null} to always send directly
	 * @param replies the requests waiting for replies, or {@code null} without
	 * request-reply
	 * @param replyChannel where replies come back, or {@code null} without request-reply
	 */
	public EventPublisher(EventSender sender, ObjectMapper objectMapper, TopicRouter router, String source,
			EventsMetrics metrics, EventOutbox outbox, PendingReplies replies, ReplyChannel replyChannel) {
		this.sender = sender;
		this.objectMapper = objectMapper;
		this.router = router;
		this.source = source;
		this.metrics = metrics;
		this.outbox = outbox;
		this.replies = replies;
		this.replyChannel = replyChannel;
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
		return send(event);
	}

	private CompletableFuture<PublishedEvent> send(OutgoingEvent event) {
		CompletableFuture<PublishedEvent> send;
		try {
			send = this.sender.send(event);
		}
		catch (RuntimeException ex) {
			// what the client refuses at once, such as an event larger than it sends
			send = CompletableFuture.failedFuture(ex);
		}
		// replies go to a topic of each requester instance: one tag for all of them
		String topic = event.extensions().containsKey(CloudEventAttributes.CORRELATION_ID) ? "replies" : event.topic();
		return send.handle((published, failure) -> {
			this.metrics.published(event.type(), topic, failure);
			if (failure != null) {
				throw new EventPublishingException(event, unwrap(failure));
			}
			return published;
		});
	}

	/**
	 * Sends a request and waits, without blocking, for its reply: the handler of the
	 * request's type returns the reply, and it comes back to this instance. The request
	 * is an event like any other (routed by type, keyed, in the CloudEvents format) with
	 * a {@code replyto} attribute; it is sent at once, never through the outbox, since
	 * its sender waits for the answer.
	 * @param <R> the reply's type
	 * @param type the request's event type, such as {@code stock.quote}
	 * @param key the id of the entity the request is about
	 * @param payload the request data, written as JSON
	 * @param replyType the type to read the reply's payload as
	 * @param timeout how long to wait for the reply
	 * @return completes with the reply; fails with {@link EventRequestTimeoutException}
	 * when none came in time, or with {@link EventPublishingException} when the request
	 * could not be sent
	 * @throws IllegalStateException when the transport offers no request-reply
	 */
	public <R> CompletableFuture<R> request(String type, String key, Object payload, Class<R> replyType,
			Duration timeout) {
		Assert.notNull(replyType, "A request needs the type of its reply");
		Assert.isTrue(timeout != null && timeout.compareTo(Duration.ZERO) > 0, "A request needs a positive timeout");
		if (this.replies == null || this.replyChannel == null) {
			throw new IllegalStateException(
					"Request-reply needs a reply channel, which the Kafka and RabbitMQ transports "
							+ "(microkit.events.transport) provide");
		}
		OutgoingEvent request = prepare(type, key, payload).withExtension(CloudEventAttributes.REPLY_TO,
				this.replyChannel.address());
		CompletableFuture<R> reply = this.replies.expect(request, replyType, timeout);
		if (reply.isDone()) {
			// refused: the application is stopping
			return reply;
		}
		send(request).whenComplete((published, failure) -> {
			if (failure != null) {
				this.replies.failed(request.id(), unwrap(failure));
			}
		});
		return reply;
	}

	/**
	 * Sends a request and blocks until its reply comes, as {@link #request} does.
	 * @param <R> the reply's type
	 * @param type the request's event type
	 * @param key the id of the entity the request is about
	 * @param payload the request data
	 * @param replyType the type to read the reply's payload as
	 * @param timeout how long to wait for the reply
	 * @return the reply
	 * @throws EventRequestTimeoutException when no reply came in time
	 * @throws EventPublishingException when the request could not be sent
	 */
	public <R> R requestAndWait(String type, String key, Object payload, Class<R> replyType, Duration timeout) {
		try {
			return request(type, key, payload, replyType, timeout).join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw ex;
		}
	}

	/**
	 * Answers a request: sends the payload to the requester's reply address, as an event
	 * of the request's type with {@code .reply} appended, the request's key and its id in
	 * the {@code correlationid} attribute. An {@code @EventHandler} of a request answers
	 * by returning its reply; call this to answer from elsewhere.
	 * @param request the request as handled
	 * @param payload the reply data, written as JSON
	 * @return completes when the broker has acknowledged the reply
	 * @throws IllegalArgumentException when the event is not a request
	 */
	public CompletableFuture<PublishedEvent> reply(EventMetadata request, Object payload) {
		Assert.isTrue(request.isRequest(), () -> "The '" + request.type() + "' event " + request.id()
				+ " is not a request: it names no reply address");
		Assert.notNull(payload, "A reply needs a payload");
		String type = request.type() + ".reply";
		OutgoingEvent reply = OutgoingEvent
			.create(type, this.source, request.key(), request.replyTo(), toJson(type, payload))
			.withExtension(CloudEventAttributes.CORRELATION_ID, request.id());
		return send(reply);
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
