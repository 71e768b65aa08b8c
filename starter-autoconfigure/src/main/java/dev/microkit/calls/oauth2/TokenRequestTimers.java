package dev.microkit.calls.oauth2;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code microkit.calls.token.requests} timers of one client: requests to the token
 * endpoint for its calls' token, by outcome.
 */
final class TokenRequestTimers {

	private final Timer success;

	private final Timer failure;

	TokenRequestTimers(MeterRegistry meterRegistry, String client) {
		this.success = register(meterRegistry, client, "success");
		this.failure = register(meterRegistry, client, "failure");
	}

	private static Timer register(MeterRegistry meterRegistry, String client, String outcome) {
		return Timer.builder("microkit.calls.token.requests")
			.description("Requests to an OAuth2 token endpoint for the access token of a client's calls")
			.tags("client", client, "outcome", outcome)
			.register(meterRegistry);
	}

	void success(long nanos) {
		this.success.record(nanos, TimeUnit.NANOSECONDS);
	}

	void failure(long nanos) {
		this.failure.record(nanos, TimeUnit.NANOSECONDS);
	}

}
