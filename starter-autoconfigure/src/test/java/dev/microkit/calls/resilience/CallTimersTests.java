package dev.microkit.calls.resilience;

import java.io.IOException;
import java.util.Map;

import feign.FeignException;
import feign.Request;
import feign.RetryableException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.microkit.calls.CallTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class CallTimersTests {

	private static final Request REQUEST = Request.create(Request.HttpMethod.GET, "http://backend/work", Map.of(), null,
			null, null);

	@Test
	void eachWayACallEndsHasItsOutcome() {
		assertThat(CallTimers.outcomeOf(status(404))).isEqualTo("client_error");
		assertThat(CallTimers.outcomeOf(status(503))).isEqualTo("failure");
		assertThat(CallTimers.outcomeOf(
				new RetryableException(-1, "refused", Request.HttpMethod.GET, new IOException(), (Long) null, REQUEST)))
			.isEqualTo("failure");
		assertThat(CallTimers
			.outcomeOf(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("backend"))))
			.isEqualTo("rejected");
		assertThat(CallTimers.outcomeOf(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("b"))))
			.isEqualTo("bulkhead_full");
		assertThat(
				CallTimers.outcomeOf(RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("backend"))))
			.isEqualTo("rate_limited");
		assertThat(CallTimers.outcomeOf(new CallTimeoutException("late", null))).isEqualTo("deadline");
	}

	@Test
	void callsAreTimedPerOutcome() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		CallTimers timers = new CallTimers(meters, "backend");
		timers.success(1_000_000);
		timers.success(2_000_000);
		timers.failed(status(503), 3_000_000);
		assertThat(meters.get("microkit.calls.calls").tags("client", "backend", "outcome", "success").timer().count())
			.isEqualTo(2);
		assertThat(meters.get("microkit.calls.calls").tags("client", "backend", "outcome", "failure").timer().count())
			.isOne();
	}

	private static FeignException status(int status) {
		return FeignException.errorStatus("BackendClient#work()",
				feign.Response.builder().status(status).request(REQUEST).headers(Map.of()).build());
	}

}
