package dev.microkit.calls.resilience;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.Idempotent;
import feign.Client;
import feign.Request;
import feign.Response;

/**
 * Sends each attempt of a Feign client's call with timeouts that end it by the call's
 * deadline, after noting whether the request may be repeated, with the service's access
 * token when its calls carry one: a 401 to it drops the token and sends the attempt once
 * more with a new one.
 */
class DeadlineAwareClient implements Client {

	private static final String AUTHORIZATION = "Authorization";

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
		Request.Options attemptOptions = service.options().forAttempt(options, remaining);
		String authorization = (service.policy().carriesTokens() && !carriesOwnAuthorization(request))
				? service.policy().authorization() : null;
		if (authorization == null) {
			return this.delegate.execute(request, attemptOptions);
		}
		Response response = this.delegate.execute(withAuthorization(request, authorization), attemptOptions);
		String renewed = (response.status() == 401) ? service.policy().renewAuthorization(authorization) : null;
		if (renewed == null) {
			return response;
		}
		response.close();
		return this.delegate.execute(withAuthorization(request, renewed),
				service.options().forAttempt(options, attempts.remainingNanos()));
	}

	private static boolean carriesOwnAuthorization(Request request) {
		return request.headers().keySet().stream().anyMatch(AUTHORIZATION::equalsIgnoreCase);
	}

	private static Request withAuthorization(Request request, String authorization) {
		Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
		headers.put(AUTHORIZATION, List.of(authorization));
		return Request.create(request.httpMethod(), request.url(), headers, request.body(), request.charset(),
				request.requestTemplate());
	}

	private Service service(String serviceId) {
		Service latest = this.latest;
		if (latest == null || !latest.serviceId().equals(serviceId)) {
			ClientCallPolicy policy = this.policies.forService(serviceId);
			latest = new Service(serviceId, policy, new FeignAttemptOptions(policy.timeouts()));
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

	private record Service(String serviceId, ClientCallPolicy policy, FeignAttemptOptions options) {
	}

}
