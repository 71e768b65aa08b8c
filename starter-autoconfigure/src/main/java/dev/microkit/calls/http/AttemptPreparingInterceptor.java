package dev.microkit.calls.http;

import java.io.IOException;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.resilience.ClientCallPolicy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Notes for each attempt whether it may be repeated and whether the deadline cut its
 * timeout, and gives it the service's access token unless it carries an
 * {@code Authorization} header of its own, before the balancer picks its instance.
 */
class AttemptPreparingInterceptor implements ClientHttpRequestInterceptor {

	private final ClientCallPolicy policy;

	AttemptPreparingInterceptor(ClientCallPolicy policy) {
		this.policy = policy;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		CallAttempts attempts = this.policy.currentCall();
		if (attempts != null) {
			this.policy.beforeAttempt(attempts, request.getMethod().name(), request.getHeaders().keySet());
		}
		if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
			// before the balancer picks an instance: a token that cannot be had is no
			// failure of the instance
			String authorization = this.policy.authorization();
			if (authorization != null) {
				request.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization);
				request.getHeaders().set(ServiceTokenInterceptor.FROM_POLICY, "true");
			}
		}
		return execution.execute(request, body);
	}

}
