package dev.microkit.events.outbox;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.springframework.core.NestedExceptionUtils;

/**
 * Reads the outcome of a send: whether it failed, and a short description to keep with a
 * parked row.
 */
final class SendFailures {

	private static final int MAX_DESCRIPTION = 1000;

	private SendFailures() {
	}

	/**
	 * Why a send failed, a timeout when it has not completed yet, or {@code null} when it
	 * succeeded.
	 */
	static Throwable failureOf(CompletableFuture<?> send) {
		if (!send.isDone()) {
			return new TimeoutException("not acknowledged in time");
		}
		try {
			send.getNow(null);
			return null;
		}
		catch (CompletionException | CancellationException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	static String describe(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String text = root.getClass().getName() + ": " + root.getMessage();
		return (text.length() > MAX_DESCRIPTION) ? text.substring(0, MAX_DESCRIPTION) : text;
	}

}
