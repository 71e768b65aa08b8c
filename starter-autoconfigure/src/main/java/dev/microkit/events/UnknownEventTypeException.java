package dev.microkit.events;

/**
 * A record whose type no handler of the consumer group knows, when such records are
 * dead-lettered.
 */
public class UnknownEventTypeException extends RuntimeException {

	public UnknownEventTypeException(String message) {
		super(message);
	}

}
