package dev.microkit.benchmarks;

/**
 * How the report prints a figure: whole numbers from 100 up, two decimals below.
 */
final class Numbers {

	private Numbers() {
	}

	static String format(double value) {
		return (value >= 100) ? String.valueOf(Math.round(value)) : String.format("%.2f", value);
	}

}
