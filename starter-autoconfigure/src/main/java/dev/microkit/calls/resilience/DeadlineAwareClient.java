package dev.microkit.calls.resilience;

import java.io.IOException;

import dev.microkit.calls.CallAttempts;
import feign.Client;
import feign.Request;
import feign.Response;

/**
 * Sends each attempt of a call with timeouts that end it by the call's deadline, after
 * noting whether the request may be repeated.
 */
class DeadlineAwareClient implements Client {

	private final Client delegate;

	private final ClientCallPolicies policies;

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
		Request.Options attemptOptions = this.policies.forService(attempts.serviceId())
			.beforeAttempt(attempts, request, options);
		return this.delegate.execute(request, attemptOptions);
	}

}
