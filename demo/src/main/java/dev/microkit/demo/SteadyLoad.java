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
import java.util.function.IntFunction;

/**
 * Places orders at a steady rate, each on a client thread of its own so that a slow
 * answer does not slow the rate, and keeps what became of every one: orders of one SKU in
 * quantities 1, 2, 3, 1, …, or whatever a given function places.
 */
public final class SteadyLoad implements AutoCloseable {

	private final IntFunction<OrderView> order;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService clients = Executors.newCachedThreadPool();

	private final Queue<Future<Placed>> placed = new ConcurrentLinkedQueue<>();

	private final AtomicInteger count = new AtomicInteger();

	private SteadyLoad(IntFunction<OrderView> order) {
		this.order = order;
	}

	/**
	 * Starts placing {@code perSecond} orders of one SKU a second.
	 * @param mode {@code sync} or {@code async}
	 */
	public static SteadyLoad start(ShopClient shop, String sku, String mode, int perSecond) {
		return start(perSecond, (n) -> shop.place(sku, 1 + n % 3, mode));
	}

	/**
	 * Starts making {@code perSecond} orders a second.
	 * @param order places the order numbered by its argument (0, 1, 2, …) and answers
	 * what became of it
	 */
	public static SteadyLoad start(int perSecond, IntFunction<OrderView> order) {
		SteadyLoad load = new SteadyLoad(order);
		load.ticker.scheduleAtFixedRate(load::placeNext, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
		return load;
	}

	/**
	 * The 99th percentile of how long the order service took to answer.
	 */
	public static Duration p99Latency(List<Placed> placed) {
		return OrderStats.percentile(placed.stream().map(Placed::latency).sorted().toList(), 99);
	}

	private void placeNext() {
		int n = this.count.getAndIncrement();
		this.placed.add(this.clients.submit(() -> place(n)));
	}

	private Placed place(int n) {
		long placedAt = System.nanoTime();
		try {
			return new Placed(this.order.apply(n), null, placedAt, System.nanoTime());
		}
		catch (RuntimeException ex) {
			return new Placed(null, ex, placedAt, System.nanoTime());
		}
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
	 *
	 * @param placedAt when the request was sent, by {@link System#nanoTime()}
	 * @param answeredAt when the answer came, by {@link System#nanoTime()}
	 */
	public record Placed(OrderView order, RuntimeException failure, long placedAt, long answeredAt) {

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
