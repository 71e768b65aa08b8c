package dev.microkit.calls.resilience;

import java.util.concurrent.TimeoutException;

import dev.microkit.calls.CallTimeoutException;
import feign.FeignException;
import feign.RetryableException;

/**
 * Which failures of a call are the dependency's and may pass if tried again.
 */
public final class CallFailures {

	private CallFailures() {
	}

	/**
	 * Whether a failure is transient: an I/O error or timeout, or a 500, 502, 503 or 504
	 * answer. A 4xx is the caller's problem and a 501 or 505 will not change.
	 * @param failure the failure
	 * @return whether it is worth trying again
	 */
	public static boolean isTransient(Throwable failure) {
		if (failure instanceof RetryableException || failure instanceof CallTimeoutException
				|| failure instanceof TimeoutException) {
			return true;
		}
		if (failure instanceof FeignException feign) {
			int status = feign.status();
			return status == 500 || status == 502 || status == 503 || status == 504;
		}
		return false;
	}

}
