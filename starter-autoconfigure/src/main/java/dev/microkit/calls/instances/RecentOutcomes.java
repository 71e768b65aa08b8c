package dev.microkit.calls.instances;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The latencies and outcomes of the last few attempts on one instance, for the
 * moving-window mean and the success rate. Adding takes no lock, as every completed
 * attempt adds: each slot holds a latency, negated (minus one) for a failure, and a
 * reader may see a window that is one answer behind.
 */
final class RecentOutcomes {

	private final AtomicLongArray outcomes;

	private final AtomicLong added = new AtomicLong();

	RecentOutcomes(int capacity) {
		this.outcomes = new AtomicLongArray(capacity);
	}

	void add(long latencyNanos, boolean success) {
		int slot = (int) (this.added.getAndIncrement() % this.outcomes.length());
		this.outcomes.set(slot, success ? latencyNanos : -latencyNanos - 1);
	}

	double meanNanos() {
		int size = size();
		if (size == 0) {
			return 0;
		}
		long sum = 0;
		for (int i = 0; i < size; i++) {
			sum += latency(this.outcomes.get(i));
		}
		return (double) sum / size;
	}

	/**
	 * Share of recent attempts that succeeded; 1 before any attempt.
	 * @return a ratio between 0 and 1
	 */
	double successRate() {
		int size = size();
		if (size == 0) {
			return 1.0;
		}
		int ok = 0;
		for (int i = 0; i < size; i++) {
			ok += (this.outcomes.get(i) >= 0) ? 1 : 0;
		}
		return (double) ok / size;
	}

	private int size() {
		return (int) Math.min(this.added.get(), this.outcomes.length());
	}

	private static long latency(long outcome) {
		return (outcome >= 0) ? outcome : -(outcome + 1);
	}

}
