package dev.microkit.calls.resilience;

import java.lang.reflect.Method;

import feign.Target;

import org.springframework.cloud.openfeign.CircuitBreakerNameResolver;

/**
 * Names Spring Cloud OpenFeign's circuit breaker of a call after its client. The
 * {@link FallbackOnlyCircuitBreakerFactory} uses no names, and Spring's default, a name
 * built from the method's signature with a regular expression on every call, costs more
 * than the pass-through breaker itself.
 */
public class ClientNameCircuitBreakerNameResolver implements CircuitBreakerNameResolver {

	@Override
	public String resolveCircuitBreakerName(String feignClientName, Target<?> target, Method method) {
		return feignClientName;
	}

}
