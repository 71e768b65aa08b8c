package dev.microkit.calls.resilience;

import dev.microkit.calls.CallTimeoutException;
import dev.microkit.calls.CallTokenException;
import dev.microkit.calls.GrpcStatuses;

import org.springframework.util.ClassUtils;

/**
 * Which failures of a call are the dependency's and may pass if tried again, whatever
 * kind of client made the call: the breaker and retry of a service are shared by its
 * Feign, HTTP interface and gRPC clients, so they must judge the failures of all alike
 * ({@link GrpcStatuses} says how gRPC statuses compare with HTTP's).
 */
public final class CallFailures {

	private static final boolean FEIGN_PRESENT = ClassUtils.isPresent("feign.FeignException",
			CallFailures.class.getClassLoader());

	private static final boolean SPRING_WEB_PRESENT = ClassUtils
		.isPresent("org.springframework.web.client.RestClientException", CallFailures.class.getClassLoader());

	private static final boolean GRPC_PRESENT = ClassUtils.isPresent("io.grpc.Status",
			CallFailures.class.getClassLoader());

	private CallFailures() {
	}

	/**
	 * Whether a failure is transient: an I/O error or timeout, also one while a
	 * successful answer's body is read, or a 500, 502, 503 or 504 answer. A 4xx is the
	 * caller's problem and a 501 or 505 will not change.
	 * @param failure the failure
	 * @return whether it is worth trying again
	 */
	public static boolean isTransient(Throwable failure) {
		if (failure instanceof CallTimeoutException) {
			return true;
		}
		if (FEIGN_PRESENT && FeignFailures.isFeign(failure)) {
			return FeignFailures.isTransient(failure);
		}
		if (SPRING_WEB_PRESENT && RestClientFailures.isRestClient(failure)) {
			return RestClientFailures.isTransient(failure);
		}
		if (GRPC_PRESENT && GrpcStatuses.isStatus(failure)) {
			return GrpcStatuses.isTransient(GrpcStatuses.code(failure));
		}
		return false;
	}

	/**
	 * Whether a failure counts against the service in its circuit breaker: a transient
	 * one, or no access token for its calls (from the token endpoint, which is not worth
	 * trying again on another instance but leaves the service as unreachable).
	 * @param failure the failure
	 * @return whether the breaker records it
	 */
	public static boolean isBreakerFailure(Throwable failure) {
		return failure instanceof CallTokenException || isTransient(failure);
	}

	/**
	 * Whether a failure is a 4xx answer, or a gRPC status about the request: never
	 * retried, never held against the dependency.
	 * @param failure the failure
	 * @return whether it is the caller's error
	 */
	public static boolean isClientError(Throwable failure) {
		if (GRPC_PRESENT && GrpcStatuses.isStatus(failure)) {
			return GrpcStatuses.isCallersError(GrpcStatuses.code(failure));
		}
		int status = -1;
		if (FEIGN_PRESENT && FeignFailures.isFeign(failure)) {
			status = FeignFailures.status(failure);
		}
		else if (SPRING_WEB_PRESENT && RestClientFailures.isRestClient(failure)) {
			status = RestClientFailures.status(failure);
		}
		return status >= 400 && status < 500;
	}

	static boolean isTransientStatus(int status) {
		return status == 500 || status == 502 || status == 503 || status == 504;
	}

}
