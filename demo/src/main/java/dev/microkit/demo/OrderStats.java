package dev.microkit.demo;

import java.time.Duration;
import java.util.List;

/**
 * What became of a batch of orders, and how long they took to reach their final status.
 */
public record OrderStats(int placed, int confirmed, int rejected, int pending, Duration p50, Duration p99) {

	public static OrderStats of(List<OrderView> orders) {
		List<Duration> times = orders.stream().filter(OrderView::isFinal).map(OrderView::timeToFinal).sorted().toList();
		return new OrderStats(orders.size(), count(orders, "CONFIRMED"), count(orders, "REJECTED"),
				count(orders, "PENDING"), percentile(times, 50), percentile(times, 99));
	}

	private static int count(List<OrderView> orders, String status) {
		return (int) orders.stream().filter((order) -> status.equals(order.status())).count();
	}

	/**
	 * The nearest-rank percentile of sorted durations; zero when there are none.
	 */
	static Duration percentile(List<Duration> sorted, int percent) {
		if (sorted.isEmpty()) {
			return Duration.ZERO;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

}
