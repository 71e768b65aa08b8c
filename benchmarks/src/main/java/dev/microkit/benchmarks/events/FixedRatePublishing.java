package dev.microkit.benchmarks.events;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import dev.microkit.events.EventPublisher;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes events at a fixed rate, whatever the broker's latency, each stamped with the
 * moment it was due: a slow send delays the events behind it but cannot hide that delay
 * from the latency measured at the handler (no coordinated omission).
 */
final class FixedRatePublishing {

	private static final int KEYS = 1024;

	private final EventPublisher publisher;

	private final BenchmarkEvent event;

	private final int ratePerSecond;

	private final Consumer<Runnable> around;

	private final LongAdder failures;

	FixedRatePublishing(EventPublisher publisher, BenchmarkEvent event, int ratePerSecond) {
		this(publisher, event, ratePerSecond, Runnable::run, new LongAdder());
	}

	private FixedRatePublishing(EventPublisher publisher, BenchmarkEvent event, int ratePerSecond,
			Consumer<Runnable> around, LongAdder failures) {
		this.publisher = publisher;
		this.event = event;
		this.ratePerSecond = ratePerSecond;
		this.around = around;
		this.failures = failures;
	}

	/**
	 * The same publishing, each event in a database transaction of its own, as a service
	 * writes its change and its event: with the outbox enabled, the event goes through
	 * it.
	 */
	FixedRatePublishing inTransactions(TransactionTemplate transactions) {
		return new FixedRatePublishing(this.publisher, this.event, this.ratePerSecond,
				(work) -> transactions.executeWithoutResult((status) -> work.run()), this.failures);
	}

	/**
	 * Publishes events of one type for a while, without waiting for their
	 * acknowledgements.
	 * @return how many were published
	 */
	long publish(String type, Duration duration) {
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / this.ratePerSecond;
		long total = duration.toNanos() / intervalNanos;
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long due = start + i * intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			String key = "order-" + (i % KEYS);
			BenchmarkEvent event = this.event.dueAt(due);
			this.around.accept(() -> this.publisher.publish(type, key, event).whenComplete((published, failure) -> {
				if (failure != null) {
					this.failures.increment();
				}
			}));
		}
		return total;
	}

	long failures() {
		return this.failures.sum();
	}

}
