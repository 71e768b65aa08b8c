package dev.microkit.demo;

/**
 * Thrown when a service of the demo exits or does not become ready; the message carries
 * the tail of its log.
 */
public class ServiceFailedException extends RuntimeException {

	public ServiceFailedException(String message) {
		super(message);
	}

}
