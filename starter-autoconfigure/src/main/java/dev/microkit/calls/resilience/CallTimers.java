package dev.microkit.calls.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.microkit.calls.CallTimeoutException;
import dev.microkit.calls.CallTokenException;

/**
 * The {@code microkit.calls.calls} timers of one client, one per outcome of a whole call
 * (its retries included), next to the per-attempt {@code microkit.calls.requests}: a call
 * that succeeded on its retry is one success here, so that availability and error rate
 * read as the caller lived them.
 */
final class CallTimers {

	static final String NAME = "microkit.calls.calls";

	private final MeterRegistry meterRegistry;

	private final String client;

	private final Map<String, Timer> byOutcome = new ConcurrentHashMap<>();

	CallTimers(MeterRegistry meterRegistry, String client) {
		this.meterRegistry = meterRegistry;
		this.client = client;
	}

	void success(long nanos) {
		record("success", nanos);
	}

	void failed(Throwable failure, long nanos) {
		record(outcomeOf(failure), nanos);
	}

	/**
	 * The outcome of a call that did not succeed: the caller's own error, a layer that
	 * refused it before any attempt, its deadline, or a failure of the service.
	 */
	static String outcomeOf(Throwable failure) {
		if (CallFailures.isClientError(failure)) {
			return "client_error";
		}
		if (failure instanceof CallNotPermittedException) {
			return "rejected";
		}
		if (failure instanceof BulkheadFullException) {
			return "bulkhead_full";
		}
		if (failure instanceof RequestNotPermitted) {
			return "rate_limited";
		}
		if (failure instanceof CallTimeoutException) {
			return "deadline";
		}
		if (failure instanceof CallTokenException) {
			return "no_token";
		}
		return "failure";
	}

	private void record(String outcome, long nanos) {
		Timer timer = this.byOutcome.get(outcome);
		if (timer == null) {
			timer = this.byOutcome.computeIfAbsent(outcome, this::register);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(String outcome) {
		return Timer.builder(NAME)
			.description("Calls per client, their retries included, by outcome")
			.tags("client", this.client, "outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meterRegistry);
	}

}
