package dev.microkit.benchmarks.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.testsupport.postgres.PostgresServer;

/**
 * Where an async order's time went, hop by hop, read from the timestamps the two services
 * wrote on the way: the order, its {@code order.placed} outbox row (sent when the broker
 * acknowledged it), inventory's processed-event row (written as its handler starts), the
 * reply's outbox row, the order service's processed-event row and the order's completion.
 * All four processes share one clock. A consumer may start handling a record before the
 * relay that sent it has the broker's acknowledgement, so a consumer's step can be
 * slightly below zero.
 *
 * @param segments each step's percentiles over the orders
 * @param orders how many orders were read
 */
record AsyncHops(List<Segment> segments, int orders) {

	private static final String QUERY = """
			SELECT o.created_at, placed.sent_at, handled.processed_at, reply.created_at, reply.sent_at,
			       answered.processed_at, o.completed_at
			FROM %1$s.orders o
			JOIN %1$s.microkit_outbox placed ON placed.record_key = o.id AND placed.event_type = 'order.placed'
			JOIN %2$s.microkit_processed_events handled ON handled.event_id = placed.event_id
			JOIN %2$s.microkit_outbox reply ON reply.record_key = o.id
			     AND reply.event_type IN ('inventory.reserved', 'inventory.rejected')
			JOIN %1$s.microkit_processed_events answered ON answered.event_id = reply.event_id
			WHERE o.mode = 'ASYNC' AND o.completed_at IS NOT NULL AND o.created_at >= ?
			""";

	private static final List<String> STEPS = List.of(
			"order created → order.placed acknowledged by the broker (commit, outbox relay)",
			"→ inventory's handler starts (consumer)", "→ inventory's reply written (inventory's handler)",
			"→ reply acknowledged by the broker (outbox relay)", "→ order service's handler starts (consumer)",
			"→ order completed (order service's handler)");

	/**
	 * Reads the hops of the async orders created since the given time.
	 * @param server the database both services' schemas are in
	 * @param ordersSchema the order service's schema
	 * @param inventorySchema inventory's schema
	 * @param since the first order's creation, or earlier
	 * @return the hops
	 */
	static AsyncHops read(PostgresServer server, String ordersSchema, String inventorySchema, Instant since)
			throws SQLException {
		List<List<Double>> steps = new ArrayList<>();
		STEPS.forEach((step) -> steps.add(new ArrayList<>()));
		List<Double> totals = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
				PreparedStatement query = connection
					.prepareStatement(String.format(QUERY, ordersSchema, inventorySchema))) {
			query.setTimestamp(1, Timestamp.from(since));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					for (int step = 0; step < STEPS.size(); step++) {
						steps.get(step).add(millisBetween(rows.getTimestamp(step + 1), rows.getTimestamp(step + 2)));
					}
					totals.add(millisBetween(rows.getTimestamp(1), rows.getTimestamp(STEPS.size() + 1)));
				}
			}
		}
		List<Segment> segments = new ArrayList<>();
		if (!totals.isEmpty()) {
			for (int step = 0; step < STEPS.size(); step++) {
				segments.add(Segment.of(STEPS.get(step), steps.get(step)));
			}
			segments.add(Segment.of("order created → order completed, in all", totals));
		}
		return new AsyncHops(segments, totals.size());
	}

	private static double millisBetween(Timestamp from, Timestamp to) {
		return Duration.between(from.toInstant(), to.toInstant()).toNanos() / 1e6;
	}

	/**
	 * One step's percentiles.
	 */
	record Segment(String step, double p50Millis, double p99Millis) {

		static Segment of(String step, List<Double> millis) {
			return new Segment(step, Numbers.quantile(millis, 0.5), Numbers.quantile(millis, 0.99));
		}

	}

}
