package dev.microkit.calls.http;

import java.io.IOException;

import dev.microkit.calls.resilience.ClientCallPolicy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends each attempt with the service's access token when its calls carry one, unless the
 * request has an {@code Authorization} header of its own; a 401 drops the token and sends
 * the attempt once more, to the same instance, with a new one. The last interceptor, so
 * that sending again sends the request itself.
 */
class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

	private final ClientCallPolicy policy;

	ServiceTokenInterceptor(ClientCallPolicy policy) {
		this.policy = policy;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
			return execution.execute(request, body);
		}
		String authorization = this.policy.authorization();
		if (authorization == null) {
			return execution.execute(request, body);
		}
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization);
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != 401 || !this.policy.authorizationRejected(authorization)) {
			return response;
		}
		response.close();
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.policy.authorization());
		return execution.execute(request, body);
	}

}
