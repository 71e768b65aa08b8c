package dev.microkit.calls.resilience;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.CallTimeoutException;
import dev.microkit.calls.ServiceToken;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.Counter;

/**
 * How calls to one service are made: rate limiter, bulkhead, circuit breaker and retry
 * from Resilience4j, in that order from the outside in, around each attempt; one deadline
 * over the whole call; retries only for idempotent requests and only while the retry
 * budget lasts.
 *
 * <p>
 * The breaker sits outside the retry so that it judges the dependency by whole calls,
 * after a retry had the chance to reach another instance; the rate limiter and bulkhead
 * sit outside the breaker so that their rejections are not counted as failures of the
 * dependency. A 4xx answer passes through every layer as a result, not a failure: it is
 * the caller's error, never a reason to retry or to open the circuit. A configured
 * Resilience4j time limiter shortens the deadline instead of moving the call to another
 * thread, so the call keeps its trace, security and request context, and stops for good
 * when its time is up.
 */
public class ClientCallPolicy {

	private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

	/**
	 * Request header that marks a request as safe to repeat.
	 */
	public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

	private final String serviceId;

	private final ClientTimeouts timeouts;

	private final RetryBudget budget;

	private final Counter retries;

	private final Counter budgetExhausted;

	private final CallTimers timers;

	private final ServiceToken token;

	private CircuitBreaker circuitBreaker;

	private Retry retry;

	private Bulkhead bulkhead;

	private RateLimiter rateLimiter;

	private TimeLimiter timeLimiter;

	private int maxAttempts;

	ClientCallPolicy(String serviceId, ClientTimeouts timeouts, RetryBudget budget, Counter retries,
			Counter budgetExhausted, CallTimers timers, ServiceToken token) {
		this.serviceId = serviceId;
		this.timeouts = timeouts;
		this.budget = budget;
		this.retries = retries;
		this.budgetExhausted = budgetExhausted;
		this.timers = timers;
		this.token = token;
	}

	void use(ResilienceInstances instances, int maxAttempts, TimeLimiter timeLimiter) {
		this.maxAttempts = maxAttempts;
		this.circuitBreaker = instances.circuitBreaker(this.serviceId);
		this.retry = instances.retry(this.serviceId, this::mayRetry, this::capWait);
		this.bulkhead = instances.bulkhead(this.serviceId);
		this.rateLimiter = instances.rateLimiter(this.serviceId);
		this.timeLimiter = timeLimiter;
	}

	public String serviceId() {
		return this.serviceId;
	}

	public ClientTimeouts timeouts() {
		return this.timeouts;
	}

	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * The retries this client's budget would allow now.
	 * @return whole retries left
	 */
	public int retriesLeft() {
		return this.budget.remaining();
	}

	/**
	 * Whether calls to this service carry the service's access token.
	 * @return whether {@link #authorization()} gives a value
	 */
	public boolean carriesTokens() {
		return this.token != null;
	}

	/**
	 * The {@code Authorization} value the next attempt carries.
	 * @return the value, or {@code null} when calls to this service carry no token
	 * @throws dev.microkit.calls.CallTokenException when no token could be had
	 */
	public String authorization() {
		return (this.token != null) ? this.token.authorization() : null;
	}

	/**
	 * The service refused an attempt's token (401, gRPC UNAUTHENTICATED): drops it, and
	 * gives the value to send the attempt once more with, unless a new token would not
	 * help.
	 * @param refused the value the refused attempt carried
	 * @return the value to send the attempt again with, or {@code null} to answer the
	 * refusal
	 * @throws dev.microkit.calls.CallTokenException when no new token could be had
	 */
	public String renewAuthorization(String refused) {
		return dropAuthorization(refused) ? this.token.authorization() : null;
	}

	/**
	 * The service refused a call's token, and the call cannot be sent again (a gRPC
	 * stream): the calls after it carry a new one, unless a new one would not help.
	 * @param refused the value the refused call carried
	 * @return whether the token was dropped
	 */
	public boolean dropAuthorization(String refused) {
		return this.token != null && this.token.rejected(refused);
	}

	/**
	 * Makes one call.
	 * @param attempt sends the request once
	 * @return the decoded answer
	 * @throws Throwable the failure of the last attempt, or the rejection of a layer
	 */
	public Object call(CheckedSupplier<Object> attempt) throws Throwable {
		return call(attempt, false);
	}

	/**
	 * Makes one call of a client that knows before sending whether it is safe to repeat.
	 * @param attempt sends the request once
	 * @param declaredIdempotent whether the caller declared the call safe to repeat,
	 * whatever its requests say
	 * @return the decoded answer
	 * @throws Throwable the failure of the last attempt, or the rejection of a layer
	 */
	public Object call(CheckedSupplier<Object> attempt, boolean declaredIdempotent) throws Throwable {
		long start = System.nanoTime();
		try (CallAttempts.Scope scope = CallAttempts.begin(this.serviceId, start + this.timeouts.deadlineNanos())) {
			if (declaredIdempotent) {
				scope.attempts().declareIdempotent();
			}
			Object result = call(scope.attempts(), attempt);
			this.timers.success(System.nanoTime() - start);
			return result;
		}
		catch (Throwable failure) {
			this.timers.failed(failure, System.nanoTime() - start);
			throw failure;
		}
	}

	private Object call(CallAttempts attempts, CheckedSupplier<Object> attempt) throws Throwable {
		try {
			Object result = decorate(attempts, attempt).get();
			if (result instanceof ClientErrorAnswer answer) {
				throw answer.exception();
			}
			onTimeLimiterSuccess();
			return result;
		}
		catch (Throwable ex) {
			boolean outOfTime = attempts.remainingNanos() < this.timeouts.minRetryNanos();
			throw (outOfTime && !(ex instanceof CallTimeoutException) && CallFailures.isTransient(ex)) ? timedOut(ex)
					: ex;
		}
	}

	private CheckedSupplier<Object> decorate(CallAttempts attempts, CheckedSupplier<Object> attempt) {
		CheckedSupplier<Object> call = Retry.decorateCheckedSupplier(this.retry, () -> {
			attempts.beginAttempt();
			if (attempts.attempts() == 1) {
				this.budget.deposit();
			}
			try {
				return attempt.get();
			}
			catch (Throwable ex) {
				if (CallFailures.isClientError(ex)) {
					return new ClientErrorAnswer(ex);
				}
				throw ex;
			}
		});
		call = CircuitBreaker.decorateCheckedSupplier(this.circuitBreaker, call);
		if (this.bulkhead != null) {
			call = Bulkhead.decorateCheckedSupplier(this.bulkhead, call);
		}
		if (this.rateLimiter != null) {
			call = RateLimiter.decorateCheckedSupplier(this.rateLimiter, call);
		}
		return call;
	}

	private CallTimeoutException timedOut(Throwable cause) {
		long millis = TimeUnit.NANOSECONDS.toMillis(this.timeouts.deadlineNanos());
		if (this.timeLimiter != null) {
			this.timeLimiter.onError(new TimeoutException(cause.getMessage()));
		}
		return new CallTimeoutException("Call to " + this.serviceId + " did not complete within " + millis + " ms ("
				+ this.timeouts.deadlineKey() + ")", cause);
	}

	private void onTimeLimiterSuccess() {
		if (this.timeLimiter != null) {
			this.timeLimiter.onSuccess();
		}
	}

	/**
	 * The call of this service bound to the current thread, if any.
	 * @return the call or {@code null}
	 */
	public CallAttempts currentCall() {
		CallAttempts attempts = CallAttempts.current();
		return (attempts != null && attempts.serviceId().equals(this.serviceId)) ? attempts : null;
	}

	/**
	 * Prepares one attempt of a client without timeouts of its own: decides whether it
	 * may be repeated and whether the deadline cuts its timeout
	 * ({@link ClientTimeouts#attemptMillis}).
	 * @param attempts the call, bound to this thread
	 * @param httpMethod the attempt's HTTP method
	 * @param headerNames the names of its headers
	 */
	public void beforeAttempt(CallAttempts attempts, String httpMethod, Collection<String> headerNames) {
		attempts.markIdempotent(isIdempotent(httpMethod, headerNames));
		attempts.markCutByDeadline(this.timeouts.isCutByDeadline(attempts.remainingNanos()));
	}

	/**
	 * Prepares one attempt of a client without HTTP methods, whose calls are declared
	 * safe to repeat or not before they start: notes whether the deadline cuts its
	 * timeout ({@link ClientTimeouts#attemptMillis}).
	 * @param attempts the call, bound to this thread
	 */
	public void beforeAttempt(CallAttempts attempts) {
		attempts.markCutByDeadline(this.timeouts.isCutByDeadline(attempts.remainingNanos()));
	}

	/**
	 * Whether a request is safe to repeat by its method (GET, HEAD, OPTIONS, PUT, DELETE,
	 * TRACE) or an {@code Idempotency-Key} header.
	 * @param httpMethod the HTTP method
	 * @param headerNames the names of its headers
	 * @return whether it may be sent again
	 */
	public static boolean isIdempotent(String httpMethod, Collection<String> headerNames) {
		return IDEMPOTENT_METHODS.contains(httpMethod)
				|| headerNames.stream().anyMatch(IDEMPOTENCY_KEY_HEADER::equalsIgnoreCase);
	}

	/**
	 * The retry gate. On the last attempt it says yes without spending budget, so that
	 * Resilience4j counts the call as failed after retries rather than never retried.
	 */
	private boolean mayRetry(Throwable failure) {
		CallAttempts attempts = CallAttempts.current();
		if (attempts == null || !CallFailures.isTransient(failure) || !attempts.isIdempotent()) {
			return false;
		}
		if (attempts.attempts() >= this.maxAttempts) {
			return true;
		}
		if (attempts.remainingNanos() < this.timeouts.minRetryNanos()) {
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
		long leftMillis = TimeUnit.NANOSECONDS.toMillis(attempts.remainingNanos() - this.timeouts.minRetryNanos());
		return Math.max(0, Math.min(waitMillis, leftMillis));
	}

	/**
	 * A 4xx answer carried through the resilience layers as a result.
	 */
	private record ClientErrorAnswer(Throwable exception) {
	}

}
