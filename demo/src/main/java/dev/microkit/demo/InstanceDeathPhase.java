package dev.microkit.demo;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.LongPredicate;

/**
 * {@code ./demo.sh --once}'s fault: sync orders at a steady rate while the inventory
 * instance that takes most of them is killed (SIGKILL), left dead a few seconds, and
 * started again; then what the orders' callers saw before, during and after.
 */
final class InstanceDeathPhase {

	static final String SKU = "demo-instance-death";

	static final int PER_SECOND = 20;

	/**
	 * Load before the kill and after the restarted instance is ready.
	 */
	static final Duration STEADY = Duration.ofSeconds(8);

	/**
	 * How long the killed instance stays dead before it is started again.
	 */
	static final Duration DEAD = Duration.ofSeconds(5);

	private static final Duration FINAL_TIMEOUT = Duration.ofSeconds(60);

	private final LocalServices services;

	private final ShopClient shop;

	private final PrintStream out;

	InstanceDeathPhase(LocalServices services, ShopClient shop, PrintStream out) {
		this.services = services;
		this.shop = shop;
		this.out = out;
	}

	/**
	 * Runs the phase and prints what happened.
	 * @return the orders placed, each in its final status or still pending
	 */
	List<OrderView> run() throws InterruptedException, ExecutionException {
		this.shop.setStock(this.services.inventory(0), SKU, 1_000_000);
		Map<String, Long> callsBefore = this.shop.callsPerInstance();
		List<SteadyLoad.Placed> placed;
		long killedAt;
		long readyAt;
		try (SteadyLoad load = SteadyLoad.start(this.shop, SKU, "sync", PER_SECOND)) {
			Thread.sleep(STEADY.toMillis());
			int victim = busiest(callsBefore);
			URI instance = this.services.inventory(victim);
			this.out.printf("%nKilling inventory %s (SIGKILL) under %d sync orders/s, starting it again %d s later…%n",
					DemoScenario.instance(instance), PER_SECOND, DEAD.toSeconds());
			killedAt = System.nanoTime();
			this.services.killInventory(victim);
			Thread.sleep(DEAD.toMillis());
			this.services.restartInventory(victim);
			readyAt = System.nanoTime();
			this.out.printf("It was ready again %.1f s after the kill.%n", (readyAt - killedAt) / 1e9);
			Thread.sleep(STEADY.toMillis());
			placed = load.stop();
		}
		printSummary(placed, killedAt, readyAt);
		List<OrderView> orders = placed.stream()
			.filter((order) -> !order.failed())
			.map(SteadyLoad.Placed::order)
			.toList();
		return this.shop.awaitFinal(orders, FINAL_TIMEOUT);
	}

	private int busiest(Map<String, Long> callsBefore) {
		Map<String, Long> calls = this.shop.callsPerInstanceSince(callsBefore);
		return (calls(calls, 0) >= calls(calls, 1)) ? 0 : 1;
	}

	private long calls(Map<String, Long> calls, int index) {
		return calls.getOrDefault(DemoScenario.instance(this.services.inventory(index)), 0L);
	}

	private void printSummary(List<SteadyLoad.Placed> placed, long killedAt, long readyAt) {
		this.out.println();
		this.out.printf("%-28s %7s %22s %19s %9s %7s %9s%n", "sync orders placed", "placed", "confirmed by the call",
				"fell back to async", "rejected", "failed", "p99 (ms)");
		printRow("before the kill", InstanceDeathWindow.of(placed, (at) -> at < killedAt));
		printRow("instance dead or starting", InstanceDeathWindow.of(placed, (at) -> at >= killedAt && at < readyAt));
		printRow("after it was ready", InstanceDeathWindow.of(placed, (at) -> at >= readyAt));
		printRow("whole run", InstanceDeathWindow.of(placed, (at) -> true));
		this.out.println("(fell back: the call failed, and the order went on as an event; failed: no 201 answer)");
	}

	private void printRow(String window, InstanceDeathWindow stats) {
		this.out.printf("%-28s %7d %22d %19d %9d %7d %9d%n", window, stats.placed(), stats.confirmed(),
				stats.fellBack(), stats.rejected(), stats.failed(), stats.p99().toMillis());
	}

	/**
	 * What the callers saw of the orders placed in one stretch of the phase.
	 */
	record InstanceDeathWindow(int placed, int confirmed, int fellBack, int rejected, int failed, Duration p99) {

		static InstanceDeathWindow of(List<SteadyLoad.Placed> all, LongPredicate placedAt) {
			List<SteadyLoad.Placed> placed = all.stream().filter((order) -> placedAt.test(order.placedAt())).toList();
			return new InstanceDeathWindow(placed.size(), count(placed, "CONFIRMED"), count(placed, "PENDING"),
					count(placed, "REJECTED"), (int) placed.stream().filter(SteadyLoad.Placed::failed).count(),
					SteadyLoad.p99Latency(placed));
		}

		private static int count(List<SteadyLoad.Placed> placed, String status) {
			return (int) placed.stream()
				.filter((order) -> !order.failed() && status.equals(order.order().status()))
				.count();
		}

	}

}
