package dev.microkit.calls;

/**
 * A call could not be made because no access token for its service could be had: the
 * token endpoint refused the client or could not be reached. The service's circuit
 * breaker counts it as a failed call; it is not retried on another instance.
 */
public class CallTokenException extends RuntimeException {

	public CallTokenException(String message, Throwable cause) {
		super(message, cause);
	}

}
