package dev.microkit.benchmarks.samples;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Places one order and waits for its final state, confirmed or rejected. A sync order's
 * {@code POST} answers with it, unless no inventory instance answered and the order goes
 * on by events; an async order is polled until it has one.
 */
final class TimeToFinalState implements Runnable {

	/**
	 * Small against the event round trip, so that polling adds little to what is
	 * measured.
	 */
	static final Duration POLL_INTERVAL = Duration.ofMillis(10);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final OrderApi api;

	private final String mode;

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicLong answeredPending = new AtomicLong();

	private final AtomicLong polls = new AtomicLong();

	TimeToFinalState(OrderApi api, String mode) {
		this.api = api;
		this.mode = mode;
	}

	String mode() {
		return this.mode;
	}

	/**
	 * The SKU this mode's orders take their stock from.
	 */
	String sku() {
		return "benchmark-" + this.mode;
	}

	@Override
	public void run() {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		OrderApi.Order order = this.api.place(sku(), 1, this.mode);
		if (order.isPending()) {
			this.answeredPending.incrementAndGet();
		}
		while (order.isPending()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Order " + order.id() + " still pending after " + TIMEOUT);
			}
			LockSupport.parkNanos(POLL_INTERVAL.toNanos());
			order = this.api.order(order.id());
			this.polls.incrementAndGet();
		}
		if ("REJECTED".equals(order.status())) {
			this.rejected.incrementAndGet();
		}
	}

	long rejected() {
		return this.rejected.get();
	}

	/**
	 * Orders whose {@code POST} answered pending: every async one, and the sync ones that
	 * fell back to events.
	 */
	long answeredPending() {
		return this.answeredPending.get();
	}

	/**
	 * The {@code GET}s sent to learn the final state: polling costs the order service
	 * too.
	 */
	long polls() {
		return this.polls.get();
	}

}
