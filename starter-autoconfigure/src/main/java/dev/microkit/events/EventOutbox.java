package dev.microkit.events;

/**
 * Where {@link EventPublisher} puts an event published inside a transaction, so that the
 * event is sent only if the transaction commits. An interface so that the public API does
 * not depend on how the outbox stores and relays its events.
 */
public interface EventOutbox {

	/**
	 * Whether the current transaction is one the outbox can join, so that an event
	 * written now commits or rolls back with it.
	 * @return whether to write to the outbox rather than send directly
	 * @throws IllegalStateException when a transaction is active that the outbox cannot
	 * join
	 */
	boolean coversCurrentTransaction();

	/**
	 * Writes an event to the outbox in the current transaction.
	 * @param event the event to send after the transaction commits
	 */
	void write(OutgoingEvent event);

}
