package dev.microkit.calls.resilience;

import java.io.IOException;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.Idempotent;
import feign.Client;
import feign.Request;
import feign.Response;

/**
 * Sends each attempt of a Feign client's call with timeouts that end it by the call's
 * deadline, after noting whether the request may be repeated.
 */
class DeadlineAwareClient implements Client {

	private final Client delegate;

	private final ClientCallPolicies policies;

	/**
	 * The service this client called last, with its policy and attempt options: a Feign
	 * client calls one service.
	 */
	private volatile Service latest;

	DeadlineAwareClient(Client delegate, ClientCallPolicies policies) {
		this.delegate = delegate;
		this.policies = policies;
	}

	@Override
	public Response execute(Request request, Request.Options options) throws IOException {
		CallAttempts attempts = CallAttempts.current();
		if (attempts == null) {
			return this.delegate.execute(request, options);
		}
		Service service = service(attempts.serviceId());
		long remaining = attempts.remainingNanos();
		attempts.markIdempotent(isIdempotent(request));
		attempts.markCutByDeadline(service.options().isCutByDeadline(options, remaining));
		return this.delegate.execute(request, service.options().forAttempt(options, remaining));
	}

	private Service service(String serviceId) {
		Service latest = this.latest;
		if (latest == null || !latest.serviceId().equals(serviceId)) {
			latest = new Service(serviceId, new FeignAttemptOptions(this.policies.forService(serviceId).timeouts()));
			this.latest = latest;
		}
		return latest;
	}

	static boolean isIdempotent(Request request) {
		if (ClientCallPolicy.isIdempotent(request.httpMethod().name(), request.headers().keySet())) {
			return true;
		}
		return request.requestTemplate() != null && request.requestTemplate().methodMetadata() != null
				&& request.requestTemplate().methodMetadata().method() != null
				&& request.requestTemplate().methodMetadata().method().isAnnotationPresent(Idempotent.class);
	}

	private record Service(String serviceId, FeignAttemptOptions options) {
	}

}
