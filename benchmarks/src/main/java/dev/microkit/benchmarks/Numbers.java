package dev.microkit.benchmarks;

import java.util.List;

/**
 * How the report prints a figure — whole numbers from 100 up, two decimals below — and
 * the median the benchmarks take of repeated measurements.
 */
final class Numbers {

	private Numbers() {
	}

	static String format(double value) {
		return (value >= 100) ? String.valueOf(Math.round(value)) : String.format("%.2f", value);
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
