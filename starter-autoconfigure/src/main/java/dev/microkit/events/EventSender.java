package dev.microkit.events;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Sends events to a broker: the seam between the transport-neutral publishing side (the
 * {@link EventPublisher}, the outbox relay) and a transport, Kafka or RabbitMQ. A send
 * completes when the broker has taken the event for good, and fails with the reason it
 * did not.
 */
public interface EventSender {

	/**
	 * Sends one event.
	 * @param event the event
	 * @return completes when the broker has acknowledged the event
	 */
	CompletableFuture<PublishedEvent> send(OutgoingEvent event);

	/**
	 * Makes the broker ready for events to the given topics before a batch is sent, so
	 * that the first send of a batch does not wait for it alone.
	 * @param topics the topics of the batch
	 */
	default void prepare(Collection<String> topics) {
	}

	/**
	 * Whether a send that failed this way will fail again however often it is sent, such
	 * as an event larger than the broker takes.
	 * @param failure why the send failed
	 * @return {@code true} when sending again cannot help
	 */
	default boolean isPermanent(Throwable failure) {
		return false;
	}

	/**
	 * How many bytes of events may be under way at once without the risk that an earlier
	 * one fails while a later one of the same key gets through. The outbox relay waits
	 * for what it sent before it sends more than this.
	 * @return bytes, or {@link Long#MAX_VALUE} when the client never lets a later event
	 * overtake one that failed
	 */
	default long inOrderBytes() {
		return Long.MAX_VALUE;
	}

	/**
	 * The transport's name, as {@code microkit.events.transport} takes it and metrics tag
	 * it.
	 * @return {@code kafka} or {@code rabbitmq}
	 */
	String transport();

}
