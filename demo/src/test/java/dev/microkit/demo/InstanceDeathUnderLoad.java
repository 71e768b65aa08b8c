package dev.microkit.demo;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault of an inventory instance killed under load, on a running system of the demo's
 * own: sync orders at 20 a second, one instance killed (SIGKILL) and started again. Every
 * order must be confirmed by the call, the dead instance must stop getting attempts on
 * its own (slow to the balancer, or ejected) and get calls again once it is back. Prints
 * its figures.
 */
final class InstanceDeathUnderLoad {

	private static final Duration FINAL_TIMEOUT = Duration.ofSeconds(60);

	private static final int WARM_UP_ORDERS = 20;

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	/**
	 * How long no attempt may reach a dead instance for it to count as no longer called:
	 * 40 orders at 20 a second.
	 */
	private static final Duration QUIET = Duration.ofSeconds(2);

	/**
	 * Attempts a dead instance may take before the balancer avoids it: at most the 5
	 * consecutive failures that eject it, and the attempts already on their way to it
	 * then.
	 */
	private static final int MAX_ATTEMPTS_BEFORE_AVOIDED = 20;

	private final ObjectMapper json = new ObjectMapper();

	private final LocalServices system;

	private final ShopClient shop;

	InstanceDeathUnderLoad(LocalServices system, ShopClient shop) {
		this.system = system;
		this.shop = shop;
	}

	/**
	 * Kills one instance under load and starts it again, then checks every order.
	 * @param victim the index of the instance to kill
	 * @param sku the sku the orders take, stocked on the instance that stays
	 */
	void run(int victim, String sku) throws Exception {
		run(victim, sku, new Watcher() {
		});
	}

	/**
	 * Kills one instance under load and starts it again, then checks every order.
	 * @param victim the index of the instance to kill
	 * @param sku the sku the orders take, stocked on the instance that stays
	 * @param watcher what else looks at the system meanwhile
	 */
	void run(int victim, String sku, Watcher watcher) throws Exception {
		int initial = 1_000_000;
		int perSecond = 20;
		this.shop.setStock(inventory(1 - victim), sku, initial);
		warmUpCalls();
		List<String> instances = List.of(DemoScenario.instance(inventory(0)), DemoScenario.instance(inventory(1)));
		long[] callsBefore = { calls(instances.get(0), null), calls(instances.get(1), null) };
		String killed;
		List<SteadyLoad.Placed> placed;
		long callsBeforeKill;
		long attemptsUntilAvoided;
		long failedWhileDown;
		Instant killedAt;
		Instant readyAt;
		Instant routedAgainAt;
		try (SteadyLoad load = SteadyLoad.start(this.shop, sku, "sync", perSecond)) {
			pause(WARM_UP);
			killed = instances.get(victim);
			callsBeforeKill = calls(killed, null) - callsBefore[victim];
			long failedBefore = failedCalls(killed);
			this.system.killInventory(victim);
			killedAt = Instant.now();
			attemptsUntilAvoided = awaitNoNewAttempts(killed) - failedBefore;
			watcher.whileDown(killed);
			this.system.restartInventory(victim);
			readyAt = Instant.now();
			failedWhileDown = failedCalls(killed) - failedBefore;
			long successesAtReady = calls(killed, "success");
			await().atMost(FINAL_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> calls(killed, "success") > successesAtReady);
			routedAgainAt = Instant.now();
			watcher.routedAgain(killed);
			placed = load.stop();
		}
		List<OrderView> orders = placed.stream()
			.filter((order) -> !order.failed())
			.map(SteadyLoad.Placed::order)
			.toList();
		long failed = placed.size() - orders.stream().filter((order) -> "CONFIRMED".equals(order.status())).count();
		int quantity = orders.stream().mapToInt(OrderView::quantity).sum();
		StockView stock = this.shop.stock(inventory(1 - victim), sku);
		Duration p99 = SteadyLoad.p99Latency(placed);
		System.out
			.printf("instance death (%s): placed=%d at %d/s, failed=%d (not CONFIRMED by the call), p99=%d ms, calls to "
					+ "the instance in the %d s before the kill=%d, attempts to the killed instance after the kill=%d "
					+ "until it was no longer called (none in the next %d s), %d in all while it was down for %.1f s, "
					+ "ejected %d times, routed again after restart=yes (%.1f s after its readiness)%n", killed,
					placed.size(), perSecond, failed, p99.toMillis(), WARM_UP.toSeconds(), callsBeforeKill,
					attemptsUntilAvoided, QUIET.toSeconds(), failedWhileDown, seconds(killedAt, readyAt),
					ejections(killed), seconds(readyAt, routedAgainAt));
		assertThat(placed).filteredOn(SteadyLoad.Placed::failed).isEmpty();
		assertThat(orders).extracting(OrderView::status).containsOnly("CONFIRMED");
		assertThat(stock).isEqualTo(new StockView(sku, initial - quantity, quantity));
		// an instance the balancer left idle before the kill takes no attempt after it
		// either
		assertThat(attemptsUntilAvoided).isBetween((callsBeforeKill > 0) ? 1L : 0L, (long) MAX_ATTEMPTS_BEFORE_AVOIDED);
	}

	/**
	 * Places sync orders one at a time, so that the order service's first calls — which
	 * create the client's load-balancer context and take seconds on a busy machine — are
	 * not part of the figures.
	 */
	private void warmUpCalls() {
		this.shop.setStock(inventory(0), "fault-warm-up", WARM_UP_ORDERS);
		for (int i = 0; i < WARM_UP_ORDERS; i++) {
			this.shop.place("fault-warm-up", 1, "sync");
		}
	}

	private URI inventory(int index) {
		return this.system.inventory(index);
	}

	/**
	 * Attempts the order service has made to an instance, of one outcome or, with
	 * {@code null}, of any.
	 */
	private long calls(String instance, String outcome) {
		Map<String, Long> calls = (outcome != null) ? this.shop.callsPerInstance(outcome)
				: this.shop.callsPerInstance();
		return calls.getOrDefault(instance, 0L);
	}

	private long failedCalls(String instance) {
		return calls(instance, null) - calls(instance, "success");
	}

	/**
	 * Waits until no attempt has reached an instance for {@link #QUIET}.
	 * @return the instance's failed attempts then
	 */
	private long awaitNoNewAttempts(String instance) {
		long[] last = { failedCalls(instance), System.nanoTime() };
		await().atMost(FINAL_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
			long failed = failedCalls(instance);
			if (failed != last[0]) {
				last[0] = failed;
				last[1] = System.nanoTime();
			}
			return System.nanoTime() - last[1] > QUIET.toNanos();
		});
		return last[0];
	}

	private int ejections(String instance) throws IOException {
		return this.json.readTree(this.shop.get(this.system.orderService().resolve("/actuator/calls")))
			.path("clients")
			.path("inventory-service")
			.path("instances")
			.path(instance)
			.path("ejections")
			.asInt();
	}

	/**
	 * Looks at the system while an instance is down and once it is called again, under
	 * the same load.
	 */
	interface Watcher {

		/**
		 * The killed instance is no longer called.
		 * @param instance its host and port
		 */
		default void whileDown(String instance) throws Exception {
		}

		/**
		 * The restarted instance is called again.
		 * @param instance its host and port
		 */
		default void routedAgain(String instance) throws Exception {
		}

	}

	static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toMillis() / 1000.0;
	}

	static void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

}
