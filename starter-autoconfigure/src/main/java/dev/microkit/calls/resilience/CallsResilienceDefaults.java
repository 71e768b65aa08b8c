package dev.microkit.calls.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Resilience4j settings for a client when the application configured neither the client's
 * instance nor {@code configs.default}. Resilience4j's own defaults suit annotated
 * methods, not remote calls: a breaker that needs 100 calls to judge and stays open a
 * minute, and retries of every exception after a fixed half second.
 */
public final class CallsResilienceDefaults {

	/**
	 * Attempts of a call, the first included.
	 */
	public static final int MAX_ATTEMPTS = 3;

	private CallsResilienceDefaults() {
	}

	/**
	 * Opens when half of the last 20 calls (at least 10) failed on the dependency's side
	 * or for want of an access token; tries 3 calls after 10 s. The window is
	 * Resilience4j's lock-free one where it has one (2.3 and later): the default takes a
	 * lock on every call, which concurrent callers queue on.
	 * @return the breaker settings
	 */
	public static CircuitBreakerConfig circuitBreaker() {
		CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(20);
		if (Resilience4jVersion.hasLockFreeWindow()) {
			LockFreeWindow.use(builder);
		}
		return builder.minimumNumberOfCalls(10)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.permittedNumberOfCallsInHalfOpenState(3)
			.recordException(CallFailures::isBreakerFailure)
			.build();
	}

	/**
	 * Three attempts, 50 ms then 100 ms apart, each wait randomised by ±50 %.
	 * @return the retry settings
	 */
	public static RetryConfig retry() {
		return RetryConfig.custom()
			.maxAttempts(MAX_ATTEMPTS)
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(50), 2.0, 0.5))
			.retryOnException(CallFailures::isTransient)
			.build();
	}

	/**
	 * Names the lock-free window in a class of its own, which is loaded only where
	 * Resilience4j has it.
	 */
	private static final class LockFreeWindow {

		static void use(CircuitBreakerConfig.Builder builder) {
			builder.slidingWindowSynchronizationStrategy(
					CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE);
		}

	}

}
