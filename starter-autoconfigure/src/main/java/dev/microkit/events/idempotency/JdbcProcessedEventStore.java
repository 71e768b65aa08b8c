package dev.microkit.events.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps handled event ids in the table {@code microkit_processed_events}, written in the
 * same transaction as the handler's own database work: the event counts as handled
 * exactly when the handler's changes are committed. Two deliveries of one event handled
 * at the same moment collide on the table's primary key; the loser fails, is retried and
 * then finds the event handled.
 */
public class JdbcProcessedEventStore implements ProcessedEventStore {

	private static final String COUNT = "SELECT COUNT(*) FROM microkit_processed_events WHERE consumer_group = ? AND event_id = ?";

	private static final String INSERT = "INSERT INTO microkit_processed_events (consumer_group, event_id, processed_at) VALUES (?, ?, ?)";

	private static final String DELETE_OLDER_THAN = "DELETE FROM microkit_processed_events WHERE processed_at < ?";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public JdbcProcessedEventStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Override
	public boolean handleOnce(String group, String eventId, Handling handling) throws Exception {
		try {
			return Boolean.TRUE.equals(this.transactions.execute((status) -> {
				Integer seen = this.jdbc.queryForObject(COUNT, Integer.class, group, eventId);
				if (seen != null && seen > 0) {
					return false;
				}
				this.jdbc.update(INSERT, group, eventId, Timestamp.from(this.clock.instant()));
				try {
					handling.run();
				}
				catch (Exception ex) {
					throw new HandlingFailed(ex);
				}
				return true;
			}));
		}
		catch (HandlingFailed ex) {
			throw ex.failure;
		}
	}

	/**
	 * Forgets events handled longer ago than the retention.
	 * @param retention how long to remember
	 * @return how many ids were forgotten
	 */
	public int forgetOlderThan(Duration retention) {
		Instant limit = this.clock.instant().minus(retention);
		return this.jdbc.update(DELETE_OLDER_THAN, Timestamp.from(limit));
	}

	/**
	 * Carries a checked failure of the handling out of the transaction callback, which
	 * rolls the transaction back on it.
	 */
	private static final class HandlingFailed extends RuntimeException {

		private final transient Exception failure;

		HandlingFailed(Exception failure) {
			super(failure);
			this.failure = failure;
		}

	}

}
