package dev.microkit.events;

/**
 * A record that can never be handled: its CloudEvents headers are missing or wrong, or
 * its value is not the JSON its type needs. It goes to the dead-letter topic at once.
 */
public class PoisonPillException extends RuntimeException {

	public PoisonPillException(String message) {
		super(message);
	}

	public PoisonPillException(String message, Throwable cause) {
		super(message, cause);
	}

}
