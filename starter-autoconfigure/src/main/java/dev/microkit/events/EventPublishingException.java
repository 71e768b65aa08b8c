package dev.microkit.events;

/**
 * An event could not be sent to Kafka.
 */
public class EventPublishingException extends RuntimeException {

	private final transient OutgoingEvent event;

	public EventPublishingException(OutgoingEvent event, Throwable cause) {
		super("Event " + event.id() + " of type '" + event.type() + "' with key '" + event.key()
				+ "' could not be sent to topic '" + event.topic() + "'", cause);
		this.event = event;
	}

	public OutgoingEvent getEvent() {
		return this.event;
	}

}
