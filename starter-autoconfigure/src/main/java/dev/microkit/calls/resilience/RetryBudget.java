package dev.microkit.calls.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Finagle's retry budget: over a sliding window of {@code ttl}, retries may add at most
 * {@code percent} of the requests, plus {@code minRetriesPerSecond} per second so that a
 * quiet client can still retry. When a dependency fails as a whole, retries then add a
 * fifth to its load instead of multiplying it by the number of attempts.
 *
 * <p>
 * Written by hand because no Java library offers one; the counts live in ten slots of a
 * tenth of the window each. Every call deposits, so a deposit takes no lock (but once a
 * slot's time, to start it over); withdrawals, one per retry, take a short one.
 */
public final class RetryBudget {

	private static final int SLOTS = 10;

	private final double percent;

	private final double reserve;

	private final long slotNanos;

	private final LongSupplier clock;

	private final AtomicLongArray epochs = new AtomicLongArray(SLOTS);

	private final LongAdder[] requests = new LongAdder[SLOTS];

	private final long[] retries = new long[SLOTS];

	public RetryBudget(int percent, int minRetriesPerSecond, Duration ttl, LongSupplier clock) {
		this.percent = percent / 100.0;
		this.reserve = minRetriesPerSecond * (ttl.toNanos() / 1e9);
		this.slotNanos = Math.max(1, ttl.toNanos() / SLOTS);
		this.clock = clock;
		for (int i = 0; i < SLOTS; i++) {
			this.epochs.set(i, Long.MIN_VALUE);
			this.requests[i] = new LongAdder();
		}
	}

	/**
	 * Counts one request, which earns a share of a retry.
	 */
	public void deposit() {
		this.requests[slot(currentEpoch())].increment();
	}

	/**
	 * Takes one retry from the budget if there is one.
	 * @return whether the retry may go ahead
	 */
	public synchronized boolean tryWithdraw() {
		long epoch = currentEpoch();
		if (remaining(epoch) < 1) {
			return false;
		}
		this.retries[slot(epoch)]++;
		return true;
	}

	/**
	 * The retries the budget would allow now.
	 * @return whole retries left, 0 when it is spent
	 */
	public synchronized int remaining() {
		return (int) Math.max(0, Math.floor(remaining(currentEpoch())));
	}

	private double remaining(long epoch) {
		long requestSum = 0;
		long retrySum = 0;
		for (int i = 0; i < SLOTS; i++) {
			if (epoch - this.epochs.get(i) < SLOTS) {
				requestSum += this.requests[i].sum();
				retrySum += this.retries[i];
			}
		}
		return this.reserve + this.percent * requestSum - retrySum;
	}

	private long currentEpoch() {
		return Math.floorDiv(this.clock.getAsLong(), this.slotNanos);
	}

	private int slot(long epoch) {
		int index = (int) Math.floorMod(epoch, SLOTS);
		if (this.epochs.get(index) != epoch) {
			startOver(index, epoch);
		}
		return index;
	}

	private synchronized void startOver(int index, long epoch) {
		if (this.epochs.get(index) != epoch) {
			this.requests[index].reset();
			this.retries[index] = 0;
			this.epochs.set(index, epoch);
		}
	}

}
