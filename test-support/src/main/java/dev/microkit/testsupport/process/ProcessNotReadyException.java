package dev.microkit.testsupport.process;

/**
 * Thrown when a {@link JavaProcess} exits or does not become ready in time; the message
 * carries the tail of its log.
 */
public class ProcessNotReadyException extends RuntimeException {

	public ProcessNotReadyException(String message) {
		super(message);
	}

}
