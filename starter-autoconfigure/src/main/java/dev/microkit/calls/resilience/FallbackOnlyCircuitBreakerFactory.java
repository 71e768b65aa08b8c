package dev.microkit.calls.resilience;

import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;

/**
 * Lets Spring Cloud OpenFeign apply {@code @FeignClient(fallback = …)} and
 * {@code fallbackFactory}, which it only does through a Spring Cloud
 * {@link CircuitBreakerFactory}. The breaking itself happens beneath, in each client's
 * {@link ClientCallPolicy}; this one only runs the call and hands a failure to the
 * fallback, unwrapped. Without a fallback the failure reaches the caller as it is.
 */
public class FallbackOnlyCircuitBreakerFactory
		extends CircuitBreakerFactory<Object, FallbackOnlyCircuitBreakerFactory.NoConfigBuilder> {

	private static final CircuitBreaker PASS_THROUGH = new CircuitBreaker() {

		@Override
		public <T> T run(Supplier<T> toRun, Function<Throwable, T> fallback) {
			try {
				return toRun.get();
			}
			catch (RuntimeException ex) {
				return fallback.apply(unwrap(ex));
			}
		}

		@Override
		public <T> T run(Supplier<T> toRun) {
			try {
				return toRun.get();
			}
			catch (RuntimeException ex) {
				throw sneaky(unwrap(ex));
			}
		}

	};

	// Spring Cloud OpenFeign wraps a checked exception of the call in a bare
	// RuntimeException; callers and fallbacks get the exception itself.
	private static Throwable unwrap(RuntimeException ex) {
		return (ex.getClass() == RuntimeException.class && ex.getCause() != null) ? ex.getCause() : ex;
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> RuntimeException sneaky(Throwable failure) throws E {
		throw (E) failure;
	}

	@Override
	public CircuitBreaker create(String id) {
		return PASS_THROUGH;
	}

	@Override
	protected NoConfigBuilder configBuilder(String id) {
		return new NoConfigBuilder();
	}

	@Override
	public void configureDefault(Function<String, Object> defaultConfiguration) {
	}

	/**
	 * This factory has nothing to configure.
	 */
	public static class NoConfigBuilder implements ConfigBuilder<Object> {

		@Override
		public Object build() {
			return new Object();
		}

	}

}
