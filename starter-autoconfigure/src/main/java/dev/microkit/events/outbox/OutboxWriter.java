package dev.microkit.events.outbox;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.microkit.events.EventOutbox;
import dev.microkit.events.OutgoingEvent;

/**
 * Writes events to the outbox table with the {@link JdbcTemplate} of the application's
 * DataSource, so the row belongs to the application's current transaction.
 */
public class OutboxWriter implements EventOutbox {

	/**
	 * Shards of the outbox; see {@code microkit_outbox_shards}.
	 */
	static final int SHARDS = 16;

	private static final String INSERT = """
			INSERT INTO microkit_outbox (shard, event_id, event_type, source, event_time, topic, record_key, payload,
			    trace_context, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcTemplate jdbc;

	private final OutboxTracing tracing;

	private final Clock clock;

	private final OutboxWakeUps wakeUps;

	/**
	 * Creates a writer.
	 * @param jdbc the template of the application's DataSource
	 * @param tracing captures the trace a row is written in
	 * @param clock the time rows are written at
	 * @param wakeUps the relay's wake-ups, or {@code null} to leave the rows to its poll
	 */
	public OutboxWriter(JdbcTemplate jdbc, OutboxTracing tracing, Clock clock, OutboxWakeUps wakeUps) {
		this.jdbc = jdbc;
		this.tracing = tracing;
		this.clock = clock;
		this.wakeUps = wakeUps;
	}

	/**
	 * Whether the current transaction is one on the outbox's DataSource, so that a row
	 * written now commits or rolls back with it.
	 * @return whether to write to the outbox
	 * @throws IllegalStateException when a transaction is active on another resource only
	 */
	@Override
	public boolean coversCurrentTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			return false;
		}
		if (!TransactionSynchronizationManager.hasResource(this.jdbc.getDataSource())) {
			throw new IllegalStateException("An event is published inside a transaction that does not use the "
					+ "outbox's DataSource, so it could not commit or roll back with it; run the transaction with "
					+ "that DataSource's transaction manager");
		}
		return true;
	}

	@Override
	public void write(OutgoingEvent event) {
		int shard = shard(event.key());
		this.jdbc.update(INSERT, shard, event.id(), event.type(), event.source(),
				Timestamp.from(event.time().toInstant()), event.topic(), event.key(), event.data(),
				this.tracing.capture(), Timestamp.from(this.clock.instant()));
		if (this.wakeUps != null) {
			this.wakeUps.wroteTo(shard);
		}
	}

	/**
	 * The shard of a key: every event of one key is in one shard, relayed in order.
	 */
	static int shard(String key) {
		return Math.floorMod(key.hashCode(), SHARDS);
	}

}
