package dev.microkit.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * How the report prints a figure — whole numbers from 100 up, two decimals below — and
 * the medians the benchmarks take of repeated measurements.
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

	/**
	 * The median, over rounds, of one rate to another measured in the same round: a burst
	 * of load from another tenant of the machine, or a stall of a broker sharing the JVM,
	 * moves one round's pair together and not the median.
	 */
	static double medianRatio(List<Double> rates, List<Double> others) {
		if (rates.size() != others.size()) {
			throw new IllegalArgumentException("Rounds differ: " + rates.size() + " and " + others.size());
		}
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < rates.size(); i++) {
			ratios.add(rates.get(i) / others.get(i));
		}
		return median(ratios);
	}

}
