package dev.microkit.calls.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.resilience.ClientCallPolicy;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Requests over the JDK's {@code HttpClient} whose read timeout ends each attempt by the
 * call's deadline. Spring's request factories take one read timeout for all requests; the
 * JDK's takes it per request, so a factory per attempt costs one small object.
 */
class AttemptTimeoutRequestFactory implements ClientHttpRequestFactory {

	private final HttpClient transport;

	private final ClientCallPolicy policy;

	AttemptTimeoutRequestFactory(HttpClient transport, ClientCallPolicy policy) {
		this.transport = transport;
		this.policy = policy;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		JdkClientHttpRequestFactory attempt = new JdkClientHttpRequestFactory(this.transport);
		attempt.setReadTimeout(Duration.ofMillis(readMillis()));
		return attempt.createRequest(uri, httpMethod);
	}

	private long readMillis() {
		CallAttempts attempts = this.policy.currentCall();
		long remaining = (attempts != null) ? attempts.remainingNanos() : this.policy.timeouts().deadlineNanos();
		return this.policy.timeouts().attemptMillis(remaining);
	}

}
