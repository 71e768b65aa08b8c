package dev.microkit.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Calls at a fixed rate whatever the answers' latency, as independent clients do: a slow
 * answer does not hold back the next call, so queues form where they would in production.
 */
final class OpenLoop {

	private OpenLoop() {
	}

	/**
	 * Calls {@code call} {@code rate} times a second for {@code duration}, then waits for
	 * every call to finish.
	 * @return how many calls failed
	 */
	static int run(Runnable call, int rate, Duration duration) throws InterruptedException {
		ExecutorService callers = Executors.newFixedThreadPool(64);
		try {
			long period = TimeUnit.SECONDS.toNanos(1) / rate;
			long calls = duration.toNanos() / period;
			long start = System.nanoTime();
			List<Future<?>> sent = new ArrayList<>();
			for (long i = 0; i < calls; i++) {
				long wait = start + i * period - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				sent.add(callers.submit(call));
			}
			int failures = 0;
			for (Future<?> future : sent) {
				try {
					future.get(30, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					failures++;
				}
			}
			return failures;
		}
		finally {
			callers.shutdownNow();
		}
	}

}
