package dev.microkit.events.outbox;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.core.NestedExceptionUtils;

/**
 * Reads the outcome of a send to Kafka: whether it failed, whether sending the record
 * again can ever work, and a short description to keep with a parked row.
 */
final class KafkaSendFailures {

	private static final int MAX_DESCRIPTION = 1000;

	private KafkaSendFailures() {
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

	// Kafka marks the errors worth retrying; anything else (record too large, invalid
	// topic, not authorized) will fail again however often it is sent.
	static boolean isPermanent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RetriableException || cause instanceof TimeoutException
					|| cause instanceof org.apache.kafka.common.errors.TimeoutException) {
				return false;
			}
			if (cause instanceof ApiException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	static String describe(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String text = root.getClass().getName() + ": " + root.getMessage();
		return (text.length() > MAX_DESCRIPTION) ? text.substring(0, MAX_DESCRIPTION) : text;
	}

}
