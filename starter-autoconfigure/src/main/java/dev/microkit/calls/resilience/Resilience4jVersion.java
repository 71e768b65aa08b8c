package dev.microkit.calls.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * The Resilience4j an application runs with. microkit is built with the one its BOM
 * names; Spring Cloud's BOM alone brings 2.2, which works without the lock-free breaker
 * window, so an older one is told once at startup, with the fix, rather than refused.
 */
public class Resilience4jVersion implements SmartInitializingSingleton {

	/**
	 * The oldest Resilience4j with everything microkit uses.
	 */
	static final String FULL_SUPPORT = "2.3.0";

	private static final String LOCK_FREE_WINDOW = CircuitBreakerConfig.class.getName()
			+ "$SlidingWindowSynchronizationStrategy";

	private static final Log logger = LogFactory.getLog(Resilience4jVersion.class);

	/**
	 * Whether the breaker's lock-free sliding window exists (Resilience4j 2.3 and later).
	 * @return whether it exists
	 */
	public static boolean hasLockFreeWindow() {
		return ClassUtils.isPresent(LOCK_FREE_WINDOW, Resilience4jVersion.class.getClassLoader());
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!hasLockFreeWindow()) {
			logger.warn(message(CircuitBreakerConfig.class.getPackage().getImplementationVersion()));
		}
	}

	static String message(String found) {
		return "Resilience4j " + ((found != null) ? found : "older than " + FULL_SUPPORT) + " found; microkit needs "
				+ FULL_SUPPORT + " or later for its lock-free circuit-breaker window and uses the locking one"
				+ " instead, which concurrent callers queue on. Spring Cloud's BOM names this version: import"
				+ " dev.microkit:microkit-dependencies instead, or before it.";
	}

}
