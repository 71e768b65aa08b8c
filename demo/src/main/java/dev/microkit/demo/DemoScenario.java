package dev.microkit.demo;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The demo's story: seed stock, place a batch of sync and a batch of async orders, wait
 * for every order's final status and summarize; then slow one inventory instance down and
 * show the calls move away from it.
 */
public final class DemoScenario {

	static final int BATCH = 20;

	static final int SHIFT_BATCH = 40;

	static final int STOCK_PER_STYLE = 30;

	static final Duration SLOWDOWN = Duration.ofMillis(300);

	private static final int CONCURRENCY = 4;

	private static final Duration FINAL_TIMEOUT = Duration.ofSeconds(60);

	private final ShopClient shop;

	private final List<URI> inventories;

	private final PrintStream out;

	public DemoScenario(ShopClient shop, List<URI> inventories, PrintStream out) {
		this.shop = shop;
		this.inventories = inventories;
		this.out = out;
	}

	/**
	 * Runs the story and prints what happened.
	 * @return whether every order reached a final status
	 */
	public boolean run() {
		URI inventory = this.inventories.get(0);
		this.shop.setStock(inventory, "demo-sync", STOCK_PER_STYLE);
		this.shop.setStock(inventory, "demo-async", STOCK_PER_STYLE);
		this.shop.setStock(inventory, "demo-shift", 1_000_000);
		long asked = System.nanoTime();
		QuoteView quote = this.shop.quote("demo-async", 3);
		this.out.printf("Stock quote by event (request-reply): %d of demo-async available, answered by %s in %d ms%n",
				quote.available(), quote.answeredBy(), (System.nanoTime() - asked) / 1_000_000);
		this.out.printf("Seeded %d of demo-sync and of demo-async; placing %d sync and %d async orders of 1-3 each%n",
				STOCK_PER_STYLE, BATCH, BATCH);

		Map<String, Long> callsBefore = this.shop.callsPerInstance();
		List<OrderView> sync = place("demo-sync", "sync", BATCH);
		Map<String, Long> syncCalls = this.shop.callsPerInstanceSince(callsBefore);
		List<OrderView> async = place("demo-async", "async", BATCH);
		sync = this.shop.awaitFinal(sync, FINAL_TIMEOUT);
		async = this.shop.awaitFinal(async, FINAL_TIMEOUT);
		printSummary(OrderStats.of(sync), OrderStats.of(async));
		this.out.println("Calls per inventory instance (sync batch): " + describe(syncCalls));

		List<OrderView> shifted = showTrafficShift();
		return allFinal(sync) && allFinal(async) && allFinal(shifted);
	}

	private List<OrderView> showTrafficShift() {
		URI slow = this.inventories.get(this.inventories.size() - 1);
		this.out.printf("%nSlowing %s by %d ms (Chaos Monkey latency assault) and placing %d sync orders…%n",
				instance(slow), SLOWDOWN.toMillis(), SHIFT_BATCH);
		Map<String, Long> before = this.shop.callsPerInstance();
		this.shop.setLatency(slow, SLOWDOWN);
		try {
			List<OrderView> orders = place("demo-shift", "sync", SHIFT_BATCH);
			this.out.println("Calls per inventory instance while it is slow: "
					+ describe(this.shop.callsPerInstanceSince(before)));
			return orders;
		}
		finally {
			this.shop.setLatency(slow, Duration.ZERO);
		}
	}

	private List<OrderView> place(String sku, String mode, int count) {
		ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
		try {
			List<Future<OrderView>> placed = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int quantity = 1 + i % 3;
				placed.add(clients.submit(() -> this.shop.place(sku, quantity, mode)));
			}
			List<OrderView> orders = new ArrayList<>();
			for (Future<OrderView> order : placed) {
				orders.add(order.get());
			}
			return orders;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Placing " + mode + " orders failed: " + ex.getMessage(), ex);
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static boolean allFinal(List<OrderView> orders) {
		return orders.stream().allMatch(OrderView::isFinal);
	}

	private void printSummary(OrderStats sync, OrderStats async) {
		this.out.println();
		this.out.printf("%-16s %7s %10s %9s %8s %9s %9s%n", "style", "placed", "confirmed", "rejected", "pending",
				"p50 (ms)", "p99 (ms)");
		printRow("sync (calls)", sync);
		printRow("async (events)", async);
		this.out.println("(time from placing an order to its final status, as the order service recorded it)");
	}

	private void printRow(String style, OrderStats stats) {
		this.out.printf("%-16s %7d %10d %9d %8d %9d %9d%n", style, stats.placed(), stats.confirmed(), stats.rejected(),
				stats.pending(), stats.p50().toMillis(), stats.p99().toMillis());
	}

	private static String describe(Map<String, Long> calls) {
		long total = calls.values().stream().mapToLong(Long::longValue).sum();
		return calls.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " " + entry.getValue()
					+ ((total > 0) ? " (" + Math.round(100.0 * entry.getValue() / total) + " %)" : ""))
			.collect(Collectors.joining(" · "));
	}

	static String instance(URI uri) {
		return uri.getHost() + ":" + uri.getPort();
	}

}
