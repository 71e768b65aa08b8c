package dev.microkit.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places orders of one SKU at a steady rate, each on a client thread of its own so that a
 * slow answer does not slow the rate, and keeps what became of every one. Quantities go
 * 1, 2, 3, 1, …
 */
public final class SteadyLoad implements AutoCloseable {

	private final ShopClient shop;

	private final String sku;

	private final String mode;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService clients = Executors.newCachedThreadPool();

	private final Queue<Future<Placed>> placed = new ConcurrentLinkedQueue<>();

	private final AtomicInteger count = new AtomicInteger();

	private SteadyLoad(ShopClient shop, String sku, String mode) {
		this.shop = shop;
		this.sku = sku;
		this.mode = mode;
	}

	/**
	 * Starts placing {@code perSecond} orders a second.
	 * @param mode {@code sync} or {@code async}
	 */
	public static SteadyLoad start(ShopClient shop, String sku, String mode, int perSecond) {
		SteadyLoad load = new SteadyLoad(shop, sku, mode);
		load.ticker.scheduleAtFixedRate(load::placeNext, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
		return load;
	}

	private void placeNext() {
		int quantity = 1 + this.count.getAndIncrement() % 3;
		this.placed.add(this.clients.submit(() -> place(quantity)));
	}

	private Placed place(int quantity) {
		long placedAt = System.nanoTime();
		try {
			return new Placed(quantity, this.shop.place(this.sku, quantity, this.mode), null, placedAt,
					System.nanoTime());
		}
		catch (RuntimeException ex) {
			return new Placed(quantity, null, ex, placedAt, System.nanoTime());
		}
	}

	/**
	 * Orders placed so far, answered or not.
	 */
	public int placed() {
		return this.count.get();
	}

	/**
	 * Stops placing orders and waits for the answers to those placed.
	 * @return every order placed, in the order they were placed
	 */
	public List<Placed> stop() throws InterruptedException, ExecutionException {
		this.ticker.shutdown();
		this.ticker.awaitTermination(10, TimeUnit.SECONDS);
		List<Placed> answers = new ArrayList<>();
		for (Future<Placed> answer : this.placed) {
			answers.add(answer.get());
		}
		this.clients.shutdown();
		return answers;
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		this.clients.shutdownNow();
	}

	/**
	 * One order placed: the order service's answer, or why there was none.
	 * @param placedAt when the request was sent, by {@link System#nanoTime()}
	 * @param answeredAt when the answer came, by {@link System#nanoTime()}
	 */
	public record Placed(int quantity, OrderView order, RuntimeException failure, long placedAt, long answeredAt) {

		public boolean failed() {
			return this.failure != null;
		}

		/**
		 * How long the order service took to answer.
		 */
		public Duration latency() {
			return Duration.ofNanos(this.answeredAt - this.placedAt);
		}

	}

}
