package dev.microkit.calls.loadbalancer;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.springframework.context.SmartLifecycle;

/**
 * When this process stopped running its threads — a garbage collection pause, a
 * safepoint, the machine taking the CPU away — found by sleeping {@value #INTERVAL_MILLIS}
 * ms at a time and noting how late the sleeper wakes, as jHiccup does. A call in flight
 * during such a stall looks slow whichever instance served it; peak-EWMA, which jumps to
 * any slower answer, would then shun every instance that happened to have one in flight
 * and send their traffic to a really slow one until the estimates decayed, seconds later.
 * Subtracting the stalls from what the balancers learn keeps them comparing instances, not
 * the caller's pauses.
 *
 * <p>
 * Written by hand: LatencyUtils' {@code SimplePauseDetector} does the same with three
 * threads by default and has not been released in years, and what is needed here is a
 * few lines. One daemon thread writes; readers take no lock and see the last
 * {@value #REMEMBERED} stalls.
 */
public class ProcessPauses implements SmartLifecycle {

	static final int INTERVAL_MILLIS = 1;

	/**
	 * Lateness below this is ordinary scheduling jitter, and too short to change a pick.
	 */
	static final long THRESHOLD_NANOS = 2_000_000;

	static final int REMEMBERED = 256;

	private static final long INTERVAL_NANOS = INTERVAL_MILLIS * 1_000_000L;

	/**
	 * Each stall as its end and length, at {@code 2 * (count % REMEMBERED)}.
	 */
	private final AtomicLongArray stalls = new AtomicLongArray(2 * REMEMBERED);

	private volatile long count;

	private volatile Thread sleeper;

	/**
	 * The stalls that overlapped a span of time.
	 * @param fromNanos the span's start, as {@link System#nanoTime()}
	 * @param toNanos its end
	 * @return how long of it the process was stalled
	 */
	public long stalledNanos(long fromNanos, long toNanos) {
		long total = 0;
		long newest = this.count;
		for (long i = newest - 1; i >= 0 && i >= newest - REMEMBERED; i--) {
			int slot = (int) (2 * (i % REMEMBERED));
			long end = this.stalls.get(slot);
			long start = end - this.stalls.get(slot + 1);
			if (end - fromNanos <= 0) {
				break;
			}
			total += Math.max(0, Math.min(end, toNanos) - Math.max(start, fromNanos));
		}
		return total;
	}

	/**
	 * Notes the sleeper's wake-up.
	 * @param sleptSinceNanos when it went to sleep
	 * @param wokeNanos when it woke
	 */
	void woke(long sleptSinceNanos, long wokeNanos) {
		long late = wokeNanos - sleptSinceNanos - INTERVAL_NANOS;
		if (late >= THRESHOLD_NANOS) {
			long index = this.count;
			int slot = (int) (2 * (index % REMEMBERED));
			this.stalls.set(slot, wokeNanos);
			this.stalls.set(slot + 1, late);
			this.count = index + 1;
		}
	}

	@Override
	public void start() {
		if (this.sleeper != null) {
			return;
		}
		Thread thread = new Thread(this::sleepAndWake, "microkit-pause-detector");
		thread.setDaemon(true);
		this.sleeper = thread;
		thread.start();
	}

	private void sleepAndWake() {
		long since = System.nanoTime();
		while (this.sleeper == Thread.currentThread()) {
			LockSupport.parkNanos(INTERVAL_NANOS);
			long now = System.nanoTime();
			woke(since, now);
			since = now;
		}
	}

	@Override
	public void stop() {
		Thread thread = this.sleeper;
		this.sleeper = null;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	@Override
	public boolean isRunning() {
		return this.sleeper != null;
	}

}
