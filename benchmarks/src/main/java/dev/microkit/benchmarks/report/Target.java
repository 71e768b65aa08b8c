package dev.microkit.benchmarks.report;

/**
 * A target of the benchmark issue and whether this run met it.
 */
public record Target(String what, String target, String measured, boolean met) {

	public static Target atMost(String what, double limit, double measured, String unit) {
		return new Target(what, "<= " + Numbers.format(limit) + unit, measured(measured, limit) + unit,
				measured <= limit);
	}

	public static Target atLeast(String what, double limit, double measured, String unit) {
		return new Target(what, ">= " + Numbers.format(limit) + unit, measured(measured, limit) + unit,
				measured >= limit);
	}

	// A figure that rounds to the limit but misses it (0.947 against 0.95) gets a third
	// decimal.
	private static String measured(double measured, double limit) {
		String rounded = Numbers.format(measured);
		return (rounded.equals(Numbers.format(limit)) && measured != limit && measured < 100)
				? String.format("%.3f", measured) : rounded;
	}

}
