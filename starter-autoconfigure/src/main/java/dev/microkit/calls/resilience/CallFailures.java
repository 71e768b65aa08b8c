package dev.microkit.calls.resilience;

import dev.microkit.calls.CallTimeoutException;
import dev.microkit.calls.FailureClassifier;
import feign.FeignException;
import feign.RetryableException;

/**
 * Which failures of a call are the dependency's and may pass if tried again.
 */
public final class CallFailures {

	private CallFailures() {
	}

	/**
	 * Whether a failure is transient: an I/O error or timeout, also one while a
	 * successful answer's body is read, or a 500, 502, 503 or 504 answer. A 4xx is the
	 * caller's problem and a 501 or 505 will not change. Feign reports an answer with a
	 * {@code Retry-After} header as a {@link RetryableException} carrying its status; the
	 * status decides.
	 * @param failure the failure
	 * @return whether it is worth trying again
	 */
	public static boolean isTransient(Throwable failure) {
		if (failure instanceof CallTimeoutException) {
			return true;
		}
		if (failure instanceof FeignException feign) {
			int status = feign.status();
			if (status <= 0) {
				return failure instanceof RetryableException;
			}
			if (status < 300) {
				// the answer's head came, its body did not: reading it failed or timed
				// out
				return FailureClassifier.ofException(failure) != null;
			}
			return status == 500 || status == 502 || status == 503 || status == 504;
		}
		return false;
	}

	/**
	 * Whether a failure is a 4xx answer: never retried, never held against the
	 * dependency.
	 * @param failure the failure
	 * @return whether it is the caller's error
	 */
	public static boolean isClientError(FeignException failure) {
		return failure.status() >= 400 && failure.status() < 500;
	}

}
