package dev.microkit.calls.instances;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.springframework.context.SmartLifecycle;

/**
 * When this process stopped running its threads — a garbage collection pause, a
 * safepoint, a container's CPU quota running out — found the way jHiccup and LatencyUtils
 * find them: {@value #SLEEPERS} daemon threads sleep {@value #INTERVAL_MILLIS} ms at a
 * time, and a stall is a stretch in which none of them woke. One late sleeper is only the
 * scheduler running something else first, which a busy machine does all the time without
 * stalling anybody. A call in flight during a stall looks slow whichever instance served
 * it; peak-EWMA, which jumps to any slower answer, would then shun every instance that
 * happened to have one in flight and send their traffic to a really slow one until the
 * estimates decayed, seconds later. Discounting the stalls in what the balancers learn
 * (see {@link InstanceLoad}) keeps them comparing instances, not the caller's pauses. The
 * sleepers only sleep while the process makes calls: after {@value #IDLE_AFTER_MILLIS} ms
 * without one they wait, costing nothing, until the next call wakes them.
 *
 * <p>
 * Written by hand: LatencyUtils' {@code SimplePauseDetector} does the same but has not
 * been released in years and reports to listeners on a thread of its own; what is needed
 * here is a few lines. Readers take no lock and see the last {@value #REMEMBERED} stalls.
 */
public class ProcessPauses implements SmartLifecycle {

	static final int SLEEPERS = 2;

	/**
	 * Every wake-up costs the process CPU, so the sleepers wake 400 times a second, not
	 * thousands (the cost is measured in {@code benchmarks/README.md}). Stalls shorter
	 * than the interval may go unseen or be seen shorter than they were; they are too
	 * short to make a fast instance look slower than a slow one.
	 */
	static final int INTERVAL_MILLIS = 5;

	static final long INTERVAL_NANOS = INTERVAL_MILLIS * 1_000_000L;

	/**
	 * A gap longer than the interval by less than this is ordinary scheduling jitter.
	 */
	static final long THRESHOLD_NANOS = 2_000_000;

	static final int REMEMBERED = 256;

	static final int IDLE_AFTER_MILLIS = 1000;

	private static final long IDLE_AFTER_NANOS = IDLE_AFTER_MILLIS * 1_000_000L;

	/**
	 * How stale {@link #lastCall} may be: callers write it at most this often, so that
	 * they seldom write to memory every other caller reads.
	 */
	private static final long CALL_RESOLUTION_NANOS = 100_000_000L;

	/**
	 * Each stall as its end and length, at {@code 2 * (count % REMEMBERED)}.
	 */
	private final AtomicLongArray stalls = new AtomicLongArray(2 * REMEMBERED);

	private volatile long count;

	/**
	 * When a sleeper last woke, whichever it was.
	 */
	private final AtomicLong lastWoke = new AtomicLong();

	private volatile List<Thread> sleepers;

	private volatile long lastCall = System.nanoTime();

	private final AtomicInteger waiting = new AtomicInteger();

	/**
	 * Notes that the process is making a call, and wakes the sleepers if they were
	 * waiting for one.
	 * @param nowNanos the time, as {@link System#nanoTime()}
	 */
	public void calling(long nowNanos) {
		if (nowNanos - this.lastCall > CALL_RESOLUTION_NANOS) {
			this.lastCall = nowNanos;
			if (this.waiting.get() > 0) {
				List<Thread> threads = this.sleepers;
				if (threads != null) {
					threads.forEach(LockSupport::unpark);
				}
			}
		}
	}

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
	 * Notes a sleeper's wake-up: a stall if no sleeper woke for longer than the interval
	 * and the threshold.
	 * @param wokeNanos when it woke
	 */
	void woke(long wokeNanos) {
		long before = this.lastWoke.getAndAccumulate(wokeNanos, Math::max);
		long late = wokeNanos - before - INTERVAL_NANOS;
		if (late >= THRESHOLD_NANOS) {
			remember(wokeNanos, late);
		}
	}

	/**
	 * Sleepers that woke together after a stall see it once: the first moves
	 * {@code lastWoke}. Synchronized all the same, for the count's increment.
	 */
	private synchronized void remember(long endNanos, long lengthNanos) {
		long index = this.count;
		int slot = (int) (2 * (index % REMEMBERED));
		this.stalls.set(slot, endNanos);
		this.stalls.set(slot + 1, lengthNanos);
		this.count = index + 1;
	}

	@Override
	public synchronized void start() {
		if (this.sleepers != null) {
			return;
		}
		this.lastWoke.set(System.nanoTime());
		List<Thread> threads = new ArrayList<>();
		// the sleepers know their generation before they run, so that stop() ends them
		// all
		List<Thread> mine = Collections.unmodifiableList(threads);
		for (int i = 0; i < SLEEPERS; i++) {
			long offset = i * INTERVAL_NANOS / SLEEPERS;
			Thread thread = new Thread(() -> sleepAndWake(mine, offset), "microkit-pause-detector-" + (i + 1));
			thread.setDaemon(true);
			threads.add(thread);
		}
		this.sleepers = mine;
		threads.forEach(Thread::start);
	}

	/**
	 * @param mine the sleepers started with this one: it sleeps until they are stopped
	 * @param offsetNanos how long to sleep first, so that the sleepers take turns
	 */
	private void sleepAndWake(List<Thread> mine, long offsetNanos) {
		LockSupport.parkNanos(offsetNanos);
		while (this.sleepers == mine) {
			if (System.nanoTime() - this.lastCall > IDLE_AFTER_NANOS) {
				waitForACall(mine);
			}
			else {
				LockSupport.parkNanos(INTERVAL_NANOS);
				woke(System.nanoTime());
			}
		}
	}

	/**
	 * Waits until {@link #calling} or {@link #stop} unparks this thread. {@code waiting}
	 * is counted before {@code lastCall} is read again, and a caller writes
	 * {@code lastCall} before it reads {@code waiting}, so one of the two sees the other.
	 */
	private void waitForACall(List<Thread> mine) {
		this.waiting.incrementAndGet();
		if (System.nanoTime() - this.lastCall > IDLE_AFTER_NANOS && this.sleepers == mine) {
			LockSupport.park(this);
		}
		this.waiting.decrementAndGet();
		// the time spent waiting is no stall
		this.lastWoke.accumulateAndGet(System.nanoTime(), Math::max);
	}

	/**
	 * How many sleepers wait for a call rather than sleep and wake.
	 */
	int waitingSleepers() {
		return this.waiting.get();
	}

	@Override
	public synchronized void stop() {
		List<Thread> threads = this.sleepers;
		this.sleepers = null;
		if (threads != null) {
			threads.forEach(LockSupport::unpark);
		}
	}

	@Override
	public boolean isRunning() {
		return this.sleepers != null;
	}

}
