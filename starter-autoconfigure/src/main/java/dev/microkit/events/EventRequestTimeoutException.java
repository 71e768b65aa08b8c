package dev.microkit.events;

import java.time.Duration;

/**
 * No reply to a request came within its timeout. The request may still have been handled:
 * a reply that comes later is counted in {@code microkit.events.replies.unmatched} with
 * {@code reason=late} and dropped.
 */
public class EventRequestTimeoutException extends RuntimeException {

	private final String requestId;

	public EventRequestTimeoutException(String type, String requestId, Duration timeout) {
		super("No reply to the '" + type + "' request " + requestId + " within " + timeout.toMillis() + " ms");
		this.requestId = requestId;
	}

	/**
	 * The {@code id} of the request that got no reply.
	 * @return the request's id
	 */
	public String getRequestId() {
		return this.requestId;
	}

}
