package dev.microkit.calls;

/**
 * A call to a service did not complete within its time limit.
 */
public class CallTimeoutException extends RuntimeException {

	public CallTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

}
