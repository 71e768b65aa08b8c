package dev.microkit.events.listener;

import java.util.List;

import dev.microkit.events.PoisonPillException;
import dev.microkit.events.UnknownEventTypeException;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * How either transport treats a delivery whose handling failed: poison pills, unknown
 * types and the configured exceptions are not retried; a database outage (of the
 * idempotent consumer's store, say) is retried without end, since dead-lettering every
 * event while the database is away would lose nothing but take an operator to replay.
 */
public final class EventFailures {

	private EventFailures() {
	}

	/**
	 * Whether a failure is worth retrying.
	 * @param cause what the dispatcher threw
	 * @param notRetryable the exceptions the application never wants retried
	 * @return {@code false} for poison pills, unknown types and the configured exceptions
	 */
	public static boolean isRetried(Throwable cause, List<Class<? extends Exception>> notRetryable) {
		return !(cause instanceof PoisonPillException || cause instanceof UnknownEventTypeException
				|| notRetryable.stream().anyMatch((type) -> type.isInstance(cause)));
	}

	/**
	 * Whether a failure comes from a database that did not answer.
	 * @param failure the failure
	 * @return whether it or one of its causes is a transient data access failure
	 */
	public static boolean isDatabaseOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof CannotGetJdbcConnectionException
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
		}
		return false;
	}

}
