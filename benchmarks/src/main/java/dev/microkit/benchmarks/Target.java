package dev.microkit.benchmarks;

/**
 * A target of the benchmark issue and whether this run met it.
 */
record Target(String what, String target, String measured, boolean met) {

	static Target atMost(String what, double limit, double measured, String unit) {
		return new Target(what, "<= " + Numbers.format(limit) + unit, Numbers.format(measured) + unit,
				measured <= limit);
	}

	static Target atLeast(String what, double limit, double measured, String unit) {
		return new Target(what, ">= " + Numbers.format(limit) + unit, Numbers.format(measured) + unit,
				measured >= limit);
	}

}
