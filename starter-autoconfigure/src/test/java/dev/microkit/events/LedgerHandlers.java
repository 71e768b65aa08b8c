package dev.microkit.events;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A handler whose work is a database row, to show that it commits or rolls back with the
 * record of the handled event.
 */
public class LedgerHandlers {

	public final AtomicInteger attempts = new AtomicInteger();

	private final JdbcTemplate jdbc;

	public LedgerHandlers(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		jdbc.execute("CREATE TABLE IF NOT EXISTS ledger (order_id VARCHAR(64), sequence BIGINT)");
	}

	@EventHandler("order.placed")
	void placed(OrderPlaced order) {
		this.attempts.incrementAndGet();
		this.jdbc.update("INSERT INTO ledger (order_id, sequence) VALUES (?, ?)", order.orderId(), order.sequence());
		if (order.sequence() < 0 && this.attempts.get() == 1) {
			throw new IllegalStateException("fails after writing, the first time");
		}
	}

	public int rows() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Integer.class);
	}

	public int processed() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM microkit_processed_events", Integer.class);
	}

}
