package dev.microkit.benchmarks.measure;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests at a fixed rate, whatever the answers' latency, and records each one's
 * latency from the moment it was due: a slow answer cannot hide the requests queued
 * behind it (no coordinated omission).
 */
public final class OpenLoopLoad {

	private final int ratePerSecond;

	private final int workers;

	public OpenLoopLoad(int ratePerSecond, int workers) {
		this.ratePerSecond = ratePerSecond;
		this.workers = workers;
	}

	/**
	 * Runs the load for a while.
	 * @return the latencies in microseconds and the count of failed requests
	 */
	public Outcome run(Runnable request, Duration duration) {
		Histogram latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
		AtomicLong failures = new AtomicLong();
		AtomicLong next = new AtomicLong();
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / this.ratePerSecond;
		long total = duration.toNanos() / intervalNanos;
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(this.workers);
		for (int w = 0; w < this.workers; w++) {
			pool.execute(() -> {
				long ticket;
				while ((ticket = next.getAndIncrement()) < total) {
					long due = start + ticket * intervalNanos;
					long wait = due - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					try {
						request.run();
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
					}
					latencies.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
				}
			});
		}
		pool.shutdown();
		try {
			pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new Outcome(latencies, failures.get());
	}

	public record Outcome(Histogram latencies, long failures) {

		public double percentileMillis(double percentile) {
			return this.latencies.getValueAtPercentile(percentile) / 1000.0;
		}

	}

}
