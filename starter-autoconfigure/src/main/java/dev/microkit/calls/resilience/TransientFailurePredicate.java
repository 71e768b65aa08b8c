package dev.microkit.calls.resilience;

import java.util.function.Predicate;

/**
 * Whether a call's failure is on the dependency's side (I/O error, timeout, 500, 502,
 * 503, 504), as microkit's breaker and retry defaults count it. Named for Resilience4j's
 * {@code record-failure-predicate} and {@code retry-exception-predicate} keys, so that a
 * client configured by hand can count failures as the defaults do.
 */
public class TransientFailurePredicate implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return CallFailures.isTransient(failure);
	}

}
