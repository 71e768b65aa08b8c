package dev.microkit.calls;

import java.time.Duration;

/**
 * Checks of single property values, run by the setters so that the binding failure
 * names the property and shows the value as it was written.
 */
final class PropertyChecks {

	private PropertyChecks() {
	}

	static void positive(Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("must be a positive duration, such as 500ms or 2s");
		}
	}

	static void notNegative(Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException("must be 0 or a positive duration, such as 30s");
		}
	}

	static void atLeast(int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException("must be at least " + min);
		}
	}

	static void between(int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException("must be between " + min + " and " + max);
		}
	}

}
