package dev.microkit.calls.http;

import java.io.IOException;

import dev.microkit.calls.resilience.ClientCallPolicy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends an attempt that carries the service's access token
 * ({@link AttemptPreparingInterceptor} gave it) once more, to the same instance, with a
 * new token when the instance answers 401. The last interceptor, so that sending again
 * sends the request itself; the marker header that says the token is the policy's never
 * leaves the process.
 */
class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

	static final String FROM_POLICY = "X-Microkit-Service-Token";

	private final ClientCallPolicy policy;

	ServiceTokenInterceptor(ClientCallPolicy policy) {
		this.policy = policy;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		boolean fromPolicy = request.getHeaders().remove(FROM_POLICY) != null;
		ClientHttpResponse response = execution.execute(request, body);
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		String renewed = (fromPolicy && response.getStatusCode().value() == 401)
				? this.policy.renewAuthorization(authorization) : null;
		if (renewed == null) {
			return response;
		}
		response.close();
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, renewed);
		return execution.execute(request, body);
	}

}
