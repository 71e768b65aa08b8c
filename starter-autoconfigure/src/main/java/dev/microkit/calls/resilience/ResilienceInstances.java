package dev.microkit.calls.resilience;

import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * Finds the Resilience4j instances of a client in the resilience4j-spring-boot3
 * registries, named after its service id: {@code resilience4j.<module>.instances.<id>}
 * when configured, else {@code configs.default}. Circuit breaker and retry always apply,
 * with {@link CallsResilienceDefaults} when neither is configured; bulkhead, rate limiter
 * and time limiter apply only when configured.
 */
public class ResilienceInstances {

	private final Environment environment;

	private final CircuitBreakerRegistry circuitBreakers;

	private final RetryRegistry retries;

	private final ObjectProvider<BulkheadRegistry> bulkheads;

	private final ObjectProvider<RateLimiterRegistry> rateLimiters;

	private final ObjectProvider<TimeLimiterRegistry> timeLimiters;

	public ResilienceInstances(Environment environment, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
			ObjectProvider<BulkheadRegistry> bulkheads, ObjectProvider<RateLimiterRegistry> rateLimiters,
			ObjectProvider<TimeLimiterRegistry> timeLimiters) {
		this.environment = environment;
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
		this.bulkheads = bulkheads;
		this.rateLimiters = rateLimiters;
		this.timeLimiters = timeLimiters;
	}

	public CircuitBreaker circuitBreaker(String id) {
		if (this.circuitBreakers.find(id).isPresent() || hasDefault("circuitbreaker")) {
			return this.circuitBreakers.circuitBreaker(id);
		}
		return this.circuitBreakers.circuitBreaker(id, CallsResilienceDefaults.circuitBreaker());
	}

	/**
	 * The retry settings the application gave the client, before microkit's gate.
	 * @param id the service id
	 * @return the configured or default settings
	 */
	public RetryConfig configuredRetry(String id) {
		return this.retries.find(id)
			.map(Retry::getRetryConfig)
			.orElseGet(() -> hasDefault("retry") ? this.retries.getDefaultConfig() : CallsResilienceDefaults.retry());
	}

	/**
	 * Registers the client's retry: the configured settings, retrying only what the gate
	 * allows and waiting no longer than the wait cap allows.
	 * @param id the service id
	 * @param gate whether a failure may be retried now
	 * @param waitCap caps a wait in milliseconds to what the deadline leaves
	 * @return the retry, registered under the service id for metrics and actuator
	 */
	public Retry retry(String id, Predicate<Throwable> gate, LongUnaryOperator waitCap) {
		RetryConfig configured = configuredRetry(id);
		Predicate<Throwable> configuredPredicate = configured.getExceptionPredicate();
		IntervalBiFunction<Object> configuredWait = configured.getIntervalBiFunction();
		RetryConfig gated = RetryConfig.custom()
			.maxAttempts(configured.getMaxAttempts())
			.intervalBiFunction((attempt, outcome) -> waitCap.applyAsLong(configuredWait.apply(attempt, outcome)))
			.retryOnException((failure) -> configuredPredicate.test(failure) && gate.test(failure))
			.failAfterMaxAttempts(configured.isFailAfterMaxAttempts())
			.writableStackTraceEnabled(configured.isWritableStackTraceEnabled())
			.build();
		Retry retry = Retry.of(id, gated, this.retries.getTags());
		if (this.retries.replace(id, retry).isEmpty()) {
			return this.retries.retry(id, gated);
		}
		return retry;
	}

	public Bulkhead bulkhead(String id) {
		BulkheadRegistry registry = this.bulkheads.getIfAvailable();
		return (registry != null && isConfigured("bulkhead", id)) ? registry.bulkhead(id) : null;
	}

	public RateLimiter rateLimiter(String id) {
		RateLimiterRegistry registry = this.rateLimiters.getIfAvailable();
		return (registry != null && isConfigured("ratelimiter", id)) ? registry.rateLimiter(id) : null;
	}

	public TimeLimiter timeLimiter(String id) {
		TimeLimiterRegistry registry = this.timeLimiters.getIfAvailable();
		return (registry != null && isConfigured("timelimiter", id)) ? registry.timeLimiter(id) : null;
	}

	/**
	 * Whether a module is configured for a client: its own instance, or the shared
	 * default.
	 */
	private boolean isConfigured(String module, String id) {
		return hasKeysUnder("resilience4j." + module + ".instances." + id) || hasDefault(module);
	}

	private boolean hasDefault(String module) {
		return hasKeysUnder("resilience4j." + module + ".configs.default");
	}

	/**
	 * Whether any property is set below a prefix, which a registry cannot tell: it
	 * answers every name with the library's defaults.
	 * @param prefix the property prefix
	 * @return whether the environment has a key under it
	 */
	public boolean hasKeysUnder(String prefix) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(prefix, '.');
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

}
