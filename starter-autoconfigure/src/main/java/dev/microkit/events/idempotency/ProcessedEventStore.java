package dev.microkit.events.idempotency;

/**
 * Remembers which events a consumer group has handled, so that a second delivery of the
 * same {@code ce_id} is not handled again.
 */
public interface ProcessedEventStore {

	/**
	 * Runs the handling of an event unless the group handled it before. When the handling
	 * fails the event is not remembered, so its redelivery is handled.
	 * @param group the consumer group
	 * @param eventId the event's {@code ce_id}
	 * @param handling the handling
	 * @return whether the handling ran
	 * @throws Exception what the handling threw
	 */
	boolean handleOnce(String group, String eventId, Handling handling) throws Exception;

	/**
	 * The handling of one event.
	 */
	@FunctionalInterface
	interface Handling {

		void run() throws Exception;

	}

}
