package dev.microkit.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How the report prints a figure — whole numbers from 100 up, two decimals below — and
 * the medians the benchmarks take of repeated measurements.
 */
public final class Numbers {

	private Numbers() {
	}

	public static String format(double value) {
		return (value >= 100) ? String.valueOf(Math.round(value)) : String.format("%.2f", value);
	}

	public static double median(List<Double> values) {
		return quantile(values, 0.5);
	}

	/**
	 * The value below which the given share of the values lie, interpolated between the
	 * two nearest ranks; the median at 0.5.
	 */
	public static double quantile(List<Double> values, double share) {
		List<Double> sorted = values.stream().sorted().toList();
		double rank = share * (sorted.size() - 1);
		int below = (int) Math.floor(rank);
		int above = Math.min(below + 1, sorted.size() - 1);
		return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
	}

	/**
	 * The median, over rounds, of one rate to another measured in the same round: a burst
	 * of load from another tenant of the machine, or a stall of a broker sharing the JVM,
	 * moves one round's pair together and not the median.
	 */
	public static double medianRatio(List<Double> rates, List<Double> others) {
		return median(ratios(rates, others));
	}

	/**
	 * One rate to another, round by round.
	 */
	public static List<Double> ratios(List<Double> rates, List<Double> others) {
		if (rates.size() != others.size()) {
			throw new IllegalArgumentException("Rounds differ: " + rates.size() + " and " + others.size());
		}
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < rates.size(); i++) {
			ratios.add(rates.get(i) / others.get(i));
		}
		return ratios;
	}

}
