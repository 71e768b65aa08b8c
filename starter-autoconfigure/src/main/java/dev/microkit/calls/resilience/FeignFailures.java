package dev.microkit.calls.resilience;

import dev.microkit.calls.FailureClassifier;
import feign.FeignException;
import feign.RetryableException;

/**
 * The failures of Feign clients, in a class of their own so that {@link CallFailures}
 * loads Feign's types only where Feign is.
 */
final class FeignFailures {

	private FeignFailures() {
	}

	static boolean isFeign(Throwable failure) {
		return failure instanceof FeignException;
	}

	static int status(Throwable failure) {
		return ((FeignException) failure).status();
	}

	/**
	 * Feign reports an answer with a {@code Retry-After} header as a
	 * {@link RetryableException} carrying its status; the status decides.
	 */
	static boolean isTransient(Throwable failure) {
		int status = status(failure);
		if (status <= 0) {
			return failure instanceof RetryableException;
		}
		if (status < 300) {
			// the answer's head came, its body did not: reading it failed or timed out
			return FailureClassifier.ofException(failure) != null;
		}
		return CallFailures.isTransientStatus(status);
	}

}
