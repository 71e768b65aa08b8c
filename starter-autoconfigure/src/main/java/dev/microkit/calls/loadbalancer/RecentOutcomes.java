package dev.microkit.calls.loadbalancer;

/**
 * The latencies and outcomes of the last few attempts on one instance, for the
 * moving-window mean and the success rate.
 */
final class RecentOutcomes {

	private final long[] latencies;

	private final boolean[] successes;

	private int next;

	private int size;

	RecentOutcomes(int capacity) {
		this.latencies = new long[capacity];
		this.successes = new boolean[capacity];
	}

	synchronized void add(long latencyNanos, boolean success) {
		this.latencies[this.next] = latencyNanos;
		this.successes[this.next] = success;
		this.next = (this.next + 1) % this.latencies.length;
		this.size = Math.min(this.size + 1, this.latencies.length);
	}

	synchronized double meanNanos() {
		if (this.size == 0) {
			return 0;
		}
		long sum = 0;
		for (int i = 0; i < this.size; i++) {
			sum += this.latencies[i];
		}
		return (double) sum / this.size;
	}

	/**
	 * Share of recent attempts that succeeded; 1 before any attempt.
	 * @return a ratio between 0 and 1
	 */
	synchronized double successRate() {
		if (this.size == 0) {
			return 1.0;
		}
		int ok = 0;
		for (int i = 0; i < this.size; i++) {
			ok += this.successes[i] ? 1 : 0;
		}
		return (double) ok / this.size;
	}

}
