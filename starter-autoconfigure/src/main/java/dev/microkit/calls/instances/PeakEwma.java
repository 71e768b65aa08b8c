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
 * instance that stopped getting traffic because it was slow is probed again once its
 * estimate has fallen below its peers' cost, instead of being shunned forever. A new
 * instance is assumed to have a default latency until its first answer, so it is probed,
 * not flooded; that first answer then replaces the assumption rather than being averaged
 * with it.
 *
 * <p>
 * How fast an idle estimate falls decides two things that pull apart: how long one slow
 * answer keeps a healthy instance out (a healthy JVM that is starved goes cold, and a
 * restarted one answers slowly for its first seconds), and how often an instance that is
 * slow all along is probed — every probe of it is a slow call, and a few of them in a
 * thousand own the caller's p99. One decay time cannot serve both: Finagle's and tower's
 * 10 s keeps a restarted instance out for some 20 s, and 2 s probes a ten times slower
 * instance about once a second. So the decay time sets how fast the estimate learns from
 * answers and how fast it falls after one peak, and probes of a peak-sensitive estimate
 * back off: an answer that comes after the estimate had fallen to half and is still at
 * least half the peak it fell from says the instance is as slow as before, and doubles
 * the time the estimate takes to fall again, up to {@value #MAX_BACKOFF} decay times. Any
 * answer below the decayed estimate resets it. A slow instance is then probed about every
 * 10–20 s, while a healthy one is back within a few seconds of answering fast again.
 * Failed attempts do not back off the probes ({@link #observeFailure}): an instance that
 * was down and restarts must be found again soon.
 *
 * <p>
 * Neither reads nor writes take a lock: the estimate is an immutable record, replaced by
 * compare-and-set, so concurrent answers of one instance never queue behind each other.
 */
public final class PeakEwma {

	/**
	 * The longest a backed-off estimate takes to fall, in decay times.
	 */
	static final int MAX_BACKOFF = 8;

	private static final double LN_2 = Math.log(2);

	private final double decayNanos;

	private final boolean peakSensitive;

	private final AtomicReference<Estimate> estimate;

	public PeakEwma(long decayNanos, long initialLatencyNanos, long nowNanos, boolean peakSensitive) {
		this.decayNanos = decayNanos;
		this.peakSensitive = peakSensitive;
		this.estimate = new AtomicReference<>(new Estimate(initialLatencyNanos, nowNanos, false, 1));
	}

	/**
	 * Adds the round-trip time of a successful attempt.
	 * @param rttNanos the observed latency
	 * @param nowNanos when it was observed
	 */
	public void observe(long rttNanos, long nowNanos) {
		this.estimate.updateAndGet((current) -> next(current, rttNanos, nowNanos, true));
	}

	/**
	 * Adds the (penalized) latency of a failed attempt, which never backs off the probes.
	 * @param rttNanos the latency to learn
	 * @param nowNanos when it was observed
	 */
	public void observeFailure(long rttNanos, long nowNanos) {
		this.estimate.updateAndGet((current) -> next(current, rttNanos, nowNanos, false));
	}

	private Estimate next(Estimate current, long rttNanos, long nowNanos, boolean success) {
		long stamp = Math.max(nowNanos, current.stampNanos);
		if (!current.observed) {
			return new Estimate(rttNanos, stamp, true, 1);
		}
		long elapsed = Math.max(0, nowNanos - current.stampNanos);
		double decayed = current.decayed(elapsed, this.decayNanos);
		double weight = Math.exp(-elapsed / this.decayNanos);
		if (this.peakSensitive && rttNanos > decayed) {
			return new Estimate(rttNanos, stamp, true, backoff(current, rttNanos, elapsed, success));
		}
		return new Estimate(decayed + rttNanos * (1.0 - weight), stamp, true, 1);
	}

	/**
	 * The back-off after a peak: doubled when the answer was a probe (the estimate had
	 * fallen to half since the last answer) that found the instance still at least half
	 * as slow as before.
	 */
	private int backoff(Estimate current, long rttNanos, long elapsed, boolean success) {
		boolean probe = elapsed >= current.backoff * this.decayNanos * LN_2;
		if (success && probe && rttNanos >= current.nanos / 2) {
			return Math.min(current.backoff * 2, MAX_BACKOFF);
		}
		return current.backoff;
	}

	/**
	 * The estimate at a point in time, decayed since the last observation.
	 * @param nowNanos the time
	 * @return the latency estimate in nanoseconds
	 */
	public double estimateNanos(long nowNanos) {
		Estimate current = this.estimate.get();
		return current.decayed(Math.max(0, nowNanos - current.stampNanos), this.decayNanos);
	}

	/**
	 * @param nanos the estimate at the last observation
	 * @param stampNanos when that was
	 * @param observed whether anything was observed yet
	 * @param backoff how many decay times the estimate takes to fall by 1/e while idle
	 */
	private record Estimate(double nanos, long stampNanos, boolean observed, int backoff) {

		double decayed(long elapsedNanos, double decayNanos) {
			return this.nanos * Math.exp(-elapsedNanos / (decayNanos * this.backoff));
		}

	}

}
