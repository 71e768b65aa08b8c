package dev.microkit.demo;

/**
 * The broker the demo was asked to use does not answer.
 */
public class BrokerUnavailableException extends RuntimeException {

	public BrokerUnavailableException(String message) {
		super(message);
	}

}
