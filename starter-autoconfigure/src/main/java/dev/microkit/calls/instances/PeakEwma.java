package dev.microkit.calls.instances;

import java.util.concurrent.atomic.AtomicReference;

/**
 * An exponentially weighted moving average of round-trip latency, after Finagle's
 * {@code PeakEwma} and tower's {@code peak_ewma}.
 *
 * <p>
 * An observation's weight decays as {@code exp(-elapsed / decayTime)}: with microkit's
 * default decay time of 2 s a sample is worth 37 % after 2 s and 5 % after 6 s. When
 * {@code peakSensitive}, an observation above the current estimate replaces it at once,
 * so a slowing instance loses traffic immediately and regains it only gradually. Between
 * observations the estimate decays toward zero, as if idle time were fast answers: an
 * instance that stopped getting traffic because it was slow is probed again after a few
 * decay times instead of being shunned forever. A new instance is assumed to have a
 * default latency until its first answer, so it is probed, not flooded; that first answer
 * then replaces the assumption rather than being averaged with it.
 *
 * <p>
 * The decay time is therefore also how long one slow answer keeps a healthy instance out.
 * Finagle and tower use 10 s; microkit uses 2 s because a peak of 10 s starves a healthy
 * instance for some 20 s after one cold or paused answer (and a starved JVM stays cold),
 * and makes the fast instances' own queueing peaks outlast the slow instance's estimate,
 * so that the slow one is picked more, not less. At a few hundred calls a second, 2 s
 * still averages over hundreds of answers per instance; {@code benchmarks/README.md} has
 * the comparison.
 *
 * <p>
 * Neither reads nor writes take a lock: the estimate is an immutable record, replaced by
 * compare-and-set, so concurrent answers of one instance never queue behind each other.
 */
public final class PeakEwma {

	private final double decayNanos;

	private final boolean peakSensitive;

	private final AtomicReference<Estimate> estimate;

	public PeakEwma(long decayNanos, long initialLatencyNanos, long nowNanos, boolean peakSensitive) {
		this.decayNanos = decayNanos;
		this.peakSensitive = peakSensitive;
		this.estimate = new AtomicReference<>(new Estimate(initialLatencyNanos, nowNanos, false));
	}

	/**
	 * Adds one round-trip time.
	 * @param rttNanos the observed latency
	 * @param nowNanos when it was observed
	 */
	public void observe(long rttNanos, long nowNanos) {
		this.estimate.updateAndGet((current) -> next(current, rttNanos, nowNanos));
	}

	private Estimate next(Estimate current, long rttNanos, long nowNanos) {
		long stamp = Math.max(nowNanos, current.stampNanos);
		if (!current.observed) {
			return new Estimate(rttNanos, stamp, true);
		}
		double weight = weight(current, nowNanos);
		double decayed = current.nanos * weight;
		double next = (this.peakSensitive && rttNanos > decayed) ? rttNanos : decayed + rttNanos * (1.0 - weight);
		return new Estimate(next, stamp, true);
	}

	/**
	 * The estimate at a point in time, decayed since the last observation.
	 * @param nowNanos the time
	 * @return the latency estimate in nanoseconds
	 */
	public double estimateNanos(long nowNanos) {
		Estimate current = this.estimate.get();
		return current.nanos * weight(current, nowNanos);
	}

	private double weight(Estimate current, long nowNanos) {
		long elapsed = Math.max(0, nowNanos - current.stampNanos);
		return Math.exp(-elapsed / this.decayNanos);
	}

	private record Estimate(double nanos, long stampNanos, boolean observed) {
	}

}
