package dev.microkit.events;

/**
 * A handler threw a checked exception.
 */
public class EventHandlingException extends RuntimeException {

	public EventHandlingException(EventMetadata event, Throwable cause) {
		super("Handling event " + event.id() + " of type '" + event.type() + "' failed", cause);
	}

}
