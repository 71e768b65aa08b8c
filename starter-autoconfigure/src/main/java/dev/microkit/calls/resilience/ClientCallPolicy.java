package dev.microkit.calls.resilience;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.CallTimeoutException;
import dev.microkit.calls.Idempotent;
import feign.FeignException;
import feign.Request;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.Counter;

/**
 * How calls to one service are made: rate limiter, bulkhead, circuit breaker, time
 * limiter and retry from Resilience4j, in that order from the outside in, around each
 * attempt; a deadline over the whole call; retries only for idempotent requests and only
 * while the retry budget lasts.
 *
 * <p>
 * The breaker sits outside the retry so that it judges the dependency by whole calls,
 * after a retry had the chance to reach another instance; the rate limiter and bulkhead
 * sit outside the breaker so that their rejections are not counted as failures of the
 * dependency. A 4xx answer passes through every layer as a result, not a failure: it is
 * the caller's error, never a reason to retry or to open the circuit.
 */
public class ClientCallPolicy {

	/**
	 * Time a retry needs at least to be worth starting.
	 */
	static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT",
			"DELETE", "TRACE");

	/**
	 * Request header that marks a request as safe to repeat.
	 */
	public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

	private final String serviceId;

	private final ClientTimeouts timeouts;

	private final RetryBudget budget;

	private final Counter retries;

	private final Counter budgetExhausted;

	private final Supplier<ExecutorService> timeLimiterExecutor;

	private CircuitBreaker circuitBreaker;

	private Retry retry;

	private Bulkhead bulkhead;

	private RateLimiter rateLimiter;

	private TimeLimiter timeLimiter;

	private int maxAttempts;

	ClientCallPolicy(String serviceId, ClientTimeouts timeouts, RetryBudget budget, Counter retries,
			Counter budgetExhausted, Supplier<ExecutorService> timeLimiterExecutor) {
		this.serviceId = serviceId;
		this.timeouts = timeouts;
		this.budget = budget;
		this.retries = retries;
		this.budgetExhausted = budgetExhausted;
		this.timeLimiterExecutor = timeLimiterExecutor;
	}

	void use(ResilienceInstances instances, int maxAttempts) {
		this.maxAttempts = maxAttempts;
		this.circuitBreaker = instances.circuitBreaker(this.serviceId);
		this.retry = instances.retry(this.serviceId, this::mayRetry, this::capWait);
		this.bulkhead = instances.bulkhead(this.serviceId);
		this.rateLimiter = instances.rateLimiter(this.serviceId);
		this.timeLimiter = instances.timeLimiter(this.serviceId);
	}

	public String serviceId() {
		return this.serviceId;
	}

	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Makes one call.
	 * @param attempt sends the request once
	 * @return the decoded answer
	 * @throws Throwable the failure of the last attempt, or the rejection of a layer
	 */
	public Object call(CheckedSupplier<Object> attempt) throws Throwable {
		CallAttempts outer = CallAttempts.current();
		CallAttempts attempts = CallAttempts.start(this.serviceId, System.nanoTime() + this.timeouts.deadlineNanos());
		this.budget.deposit();
		try {
			Object result = decorate(attempts, attempt).get();
			if (result instanceof ClientErrorAnswer answer) {
				throw answer.exception();
			}
			return result;
		}
		finally {
			restore(outer);
		}
	}

	private CheckedSupplier<Object> decorate(CallAttempts attempts, CheckedSupplier<Object> attempt) {
		CheckedSupplier<Object> call = Retry.decorateCheckedSupplier(this.retry, () -> {
			attempts.beginAttempt();
			try {
				return attempt.get();
			}
			catch (FeignException.FeignClientException ex) {
				return new ClientErrorAnswer(ex);
			}
		});
		if (this.timeLimiter != null) {
			call = timeLimited(attempts, call);
		}
		call = CircuitBreaker.decorateCheckedSupplier(this.circuitBreaker, call);
		if (this.bulkhead != null) {
			call = Bulkhead.decorateCheckedSupplier(this.bulkhead, call);
		}
		if (this.rateLimiter != null) {
			call = RateLimiter.decorateCheckedSupplier(this.rateLimiter, call);
		}
		return call;
	}

	private CheckedSupplier<Object> timeLimited(CallAttempts attempts, CheckedSupplier<Object> call) {
		return () -> {
			try {
				return this.timeLimiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(() -> {
					CallAttempts.bind(attempts);
					try {
						return call.get();
					}
					catch (Throwable ex) {
						throw (ex instanceof RuntimeException runtime) ? runtime : new CompletionException(ex);
					}
					finally {
						CallAttempts.clear();
					}
				}, this.timeLimiterExecutor.get()));
			}
			catch (TimeoutException ex) {
				throw new CallTimeoutException("Call to " + this.serviceId + " did not complete within "
						+ this.timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toMillis()
						+ " ms (resilience4j.timelimiter.instances." + this.serviceId + ")", ex);
			}
			catch (CompletionException ex) {
				throw (ex.getCause() != null) ? ex.getCause() : ex;
			}
		};
	}

	private static void restore(CallAttempts outer) {
		if (outer != null) {
			CallAttempts.bind(outer);
		}
		else {
			CallAttempts.clear();
		}
	}

	/**
	 * Prepares one attempt of the current call: decides whether it may be repeated and
	 * bounds it by the deadline.
	 * @param request the request about to be sent
	 * @param configured the Feign client's options
	 * @return the options for this attempt
	 */
	public Request.Options beforeAttempt(Request request, Request.Options configured) {
		CallAttempts attempts = CallAttempts.current();
		if (attempts == null) {
			return configured;
		}
		attempts.markIdempotent(isIdempotent(request));
		return this.timeouts.forAttempt(configured, attempts.remainingNanos());
	}

	static boolean isIdempotent(Request request) {
		if (IDEMPOTENT_METHODS.contains(request.httpMethod().name())) {
			return true;
		}
		if (request.headers().keySet().stream().anyMatch(IDEMPOTENCY_KEY_HEADER::equalsIgnoreCase)) {
			return true;
		}
		return request.requestTemplate() != null && request.requestTemplate().methodMetadata() != null
				&& request.requestTemplate().methodMetadata().method() != null
				&& request.requestTemplate().methodMetadata().method().isAnnotationPresent(Idempotent.class);
	}

	private boolean mayRetry(Throwable failure) {
		CallAttempts attempts = CallAttempts.current();
		if (attempts == null || !CallFailures.isTransient(failure) || !attempts.isIdempotent()
				|| attempts.attempts() >= this.maxAttempts || attempts.remainingNanos() < MIN_ATTEMPT_NANOS) {
			return false;
		}
		if (!this.budget.tryWithdraw()) {
			this.budgetExhausted.increment();
			return false;
		}
		this.retries.increment();
		return true;
	}

	private long capWait(long waitMillis) {
		CallAttempts attempts = CallAttempts.current();
		if (attempts == null) {
			return waitMillis;
		}
		long leftMillis = TimeUnit.NANOSECONDS.toMillis(attempts.remainingNanos() - MIN_ATTEMPT_NANOS);
		return Math.max(0, Math.min(waitMillis, leftMillis));
	}

	/**
	 * A 4xx answer carried through the resilience layers as a result.
	 */
	private record ClientErrorAnswer(FeignException exception) {
	}

}
