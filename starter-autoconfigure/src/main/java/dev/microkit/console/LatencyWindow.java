package dev.microkit.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import org.springframework.lang.Nullable;

/**
 * The 99th percentile of one instance's attempts over the last seconds, read from the
 * cumulative histogram of its timers: the counts of now less those of the oldest second
 * kept. Micrometer gives percentiles of a histogram only to the monitoring system, and a
 * timer's own percentiles would cost every call a second histogram.
 */
final class LatencyWindow {

	private static final double P99 = 0.99;

	private final int seconds;

	private final Deque<double[]> history = new ArrayDeque<>();

	private double[] bounds = new double[0];

	LatencyWindow(int seconds) {
		this.seconds = seconds;
	}

	/**
	 * Adds this second's counts and gives the window's 99th percentile.
	 * @param timers the instance's timers (one per outcome), whose histograms have the
	 * same buckets and count since the start
	 * @return the upper bound, in milliseconds, of the bucket the 99th percentile falls
	 * in, or {@code null} without attempts in the window
	 */
	@Nullable
	Double add(List<HistogramSnapshot> timers) {
		CountAtBucket[] buckets = timers.isEmpty() ? new CountAtBucket[0] : timers.get(0).histogramCounts();
		if (this.bounds.length != buckets.length) {
			this.bounds = new double[buckets.length];
			this.history.clear();
		}
		// the last element is the count of all attempts, the buckets' counts come before
		// it
		double[] counts = new double[buckets.length + 1];
		for (int i = 0; i < buckets.length; i++) {
			this.bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
		}
		for (HistogramSnapshot timer : timers) {
			CountAtBucket[] own = timer.histogramCounts();
			for (int i = 0; i < Math.min(own.length, buckets.length); i++) {
				counts[i] += own[i].count();
			}
			counts[buckets.length] += timer.count();
		}
		this.history.addLast(counts);
		if (this.history.size() > this.seconds + 1) {
			this.history.removeFirst();
		}
		return percentile(this.history.getFirst(), counts);
	}

	@Nullable
	private Double percentile(double[] then, double[] now) {
		int all = now.length - 1;
		double total = now[all] - then[all];
		if (total <= 0) {
			return null;
		}
		for (int i = 0; i < all; i++) {
			if (now[i] - then[i] >= P99 * total) {
				return this.bounds[i];
			}
		}
		// beyond the largest bucket: at least that long
		return (all > 0) ? this.bounds[all - 1] : null;
	}

}
