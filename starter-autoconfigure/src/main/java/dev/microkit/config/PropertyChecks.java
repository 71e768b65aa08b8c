package dev.microkit.config;

import java.time.Duration;

/**
 * Checks of single property values, run by the setters of microkit's configuration
 * properties so that the binding failure names the property and shows the value as it was
 * written. Shared by calls and events, which otherwise know nothing of each other.
 */
public final class PropertyChecks {

	private PropertyChecks() {
	}

	public static void positive(Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("must be a positive duration, such as 500ms or 2s");
		}
	}

	public static void notNegative(Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException("must be 0 or a positive duration, such as 30s");
		}
	}

	public static void atLeast(int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException("must be at least " + min);
		}
	}

	public static void between(int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException("must be between " + min + " and " + max);
		}
	}

}
