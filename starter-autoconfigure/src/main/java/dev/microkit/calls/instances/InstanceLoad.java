package dev.microkit.calls.instances;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the calls of one client have shown about one instance: requests in flight, latency
 * estimates, recent success and ejection state. Balancers read it on every pick without
 * locking; it is written when attempts start and complete.
 */
public final class InstanceLoad {

	/**
	 * Latency observed for a failed attempt, as a multiple of the instance's latency when
	 * it succeeds: a connection refused in a microsecond must not make the instance look
	 * fast. The base leaves failures out, so that failures in a row do not multiply their
	 * own penalty.
	 */
	static final int FAILURE_PENALTY_FACTOR = 10;

	private static final int WINDOW_SIZE = 50;

	private final String key;

	private final long firstSeenNanos;

	private final long defaultLatencyNanos;

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * When the instance last showed progress while it had requests in flight: the later
	 * of its last answer and the moment it went from idle to busy.
	 */
	private volatile long progressNanos;

	private final LongAdder requests = new LongAdder();

	private final LongAdder totalLatencyNanos = new LongAdder();

	private final PeakEwma peakEwma;

	private final PeakEwma ewma;

	private final RecentOutcomes recent = new RecentOutcomes(WINDOW_SIZE);

	private final EjectionState ejection = new EjectionState();

	InstanceLoad(String key, long decayNanos, long defaultLatencyNanos, long nowNanos) {
		this.key = key;
		this.firstSeenNanos = nowNanos;
		this.defaultLatencyNanos = defaultLatencyNanos;
		this.peakEwma = new PeakEwma(decayNanos, defaultLatencyNanos, nowNanos, true);
		this.ewma = new PeakEwma(decayNanos, defaultLatencyNanos, nowNanos, false);
	}

	public String key() {
		return this.key;
	}

	public long firstSeenNanos() {
		return this.firstSeenNanos;
	}

	public int inFlight() {
		return this.inFlight.get();
	}

	public long requests() {
		return this.requests.sum();
	}

	/**
	 * Peak-EWMA cost: estimated latency times the requests it would queue behind. An
	 * instance that has had requests in flight for longer than its estimate without
	 * answering any is slow now, whatever it answered before: that wait replaces the
	 * estimate, so that a probe of an idle or recovering instance is one request, not a
	 * burst sent before the first answer is back.
	 * @param nowNanos the time of the pick
	 * @return the cost; lower is better
	 */
	public double cost(long nowNanos) {
		int inFlight = this.inFlight.get();
		double estimate = this.peakEwma.estimateNanos(nowNanos);
		if (inFlight > 0) {
			estimate = Math.max(estimate, nowNanos - this.progressNanos);
		}
		return estimate * (inFlight + 1);
	}

	public double peakEwmaNanos(long nowNanos) {
		return this.peakEwma.estimateNanos(nowNanos);
	}

	/**
	 * Plain EWMA of the latency of successful attempts.
	 * @param nowNanos the time
	 * @return the estimate in nanoseconds
	 */
	public double ewmaNanos(long nowNanos) {
		return this.ewma.estimateNanos(nowNanos);
	}

	public double meanNanos() {
		long count = this.requests.sum();
		return (count == 0) ? 0 : (double) this.totalLatencyNanos.sum() / count;
	}

	public double windowMeanNanos() {
		return this.recent.meanNanos();
	}

	public double successRate() {
		return this.recent.successRate();
	}

	public EjectionState ejection() {
		return this.ejection;
	}

	void started(long nowNanos) {
		if (this.inFlight.getAndIncrement() == 0) {
			this.progressNanos = nowNanos;
		}
	}

	void abandoned() {
		this.inFlight.decrementAndGet();
	}

	void completed(long latencyNanos, boolean success, long nowNanos) {
		completed(latencyNanos, 0, success, nowNanos);
	}

	/**
	 * @param latencyNanos what the caller waited
	 * @param stalledNanos how long of it the calling process was stalled
	 * @param success whether the attempt succeeded
	 * @param nowNanos the time
	 */
	void completed(long latencyNanos, long stalledNanos, boolean success, long nowNanos) {
		this.progressNanos = nowNanos;
		this.inFlight.decrementAndGet();
		this.requests.increment();
		this.totalLatencyNanos.add(latencyNanos);
		this.recent.add(latencyNanos, success);
		if (success) {
			long learned = learned(latencyNanos, stalledNanos, nowNanos);
			this.peakEwma.observe(learned, nowNanos);
			this.ewma.observe(learned, nowNanos);
		}
		else {
			this.peakEwma.observeFailure(penalized(latencyNanos, nowNanos), nowNanos);
		}
	}

	/**
	 * What an answer says of the instance when the caller stalled meanwhile: the stall
	 * may keep it from raising the estimate, but never pushes the estimate below where it
	 * was — subtracting a stall that lasted the whole attempt would teach the balancer
	 * that the instance answers in no time, and a busy caller stalls often.
	 */
	private long learned(long latencyNanos, long stalledNanos, long nowNanos) {
		if (stalledNanos <= 0) {
			return latencyNanos;
		}
		long estimate = (long) this.peakEwma.estimateNanos(nowNanos);
		return Math.max(latencyNanos - stalledNanos, Math.min(latencyNanos, estimate));
	}

	private long penalized(long latencyNanos, long nowNanos) {
		double base = Math.max(this.ewma.estimateNanos(nowNanos), this.defaultLatencyNanos);
		return Math.max(latencyNanos, (long) (base * FAILURE_PENALTY_FACTOR));
	}

}
