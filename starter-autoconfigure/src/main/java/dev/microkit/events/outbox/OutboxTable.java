package dev.microkit.events.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.microkit.events.OutgoingEvent;

/**
 * The relay's SQL on the outbox tables: which shards a pass may work on, their unsent
 * rows, and the marks a pass leaves on them. Shards are rows of
 * {@code microkit_outbox_shards} locked with {@code FOR UPDATE SKIP LOCKED}, so that
 * relays of several instances take turns shard by shard, never both on one.
 */
class OutboxTable {

	private static final String LOCK_SHARDS_FROM = """
			SELECT shard FROM microkit_outbox_shards WHERE shard >= ? ORDER BY shard LIMIT ? FOR UPDATE SKIP LOCKED""";

	private static final String LOCK_SHARDS_BEFORE = """
			SELECT shard FROM microkit_outbox_shards WHERE shard < ? ORDER BY shard LIMIT ? FOR UPDATE SKIP LOCKED""";

	private static final String LOCK_NAMED_SHARDS = """
			SELECT shard FROM microkit_outbox_shards WHERE shard IN (:shards) ORDER BY shard FOR UPDATE SKIP LOCKED""";

	private static final String COUNT_SHARD = "SELECT COUNT(*) FROM microkit_outbox_shards WHERE shard = ?";

	private static final String INSERT_SHARD = "INSERT INTO microkit_outbox_shards (shard) VALUES (?)";

	// One shard a query: it reads the shard's unsent rows in index order and stops at the
	// limit, where a query over several shards would sort all their unsent rows each
	// pass.
	private static final String SELECT_UNSENT = """
			SELECT id, event_id, event_type, source, event_time, topic, record_key, payload, trace_context
			FROM microkit_outbox WHERE shard = ? AND sent_at IS NULL AND failed_at IS NULL
			ORDER BY id LIMIT ?""";

	private static final String MARK_SENT = "UPDATE microkit_outbox SET sent_at = :now WHERE id IN (:ids)";

	/**
	 * Ids one {@code MARK_SENT} statement takes, well below the bind parameters a
	 * statement may have.
	 */
	private static final int IDS_PER_UPDATE = 1000;

	private static final String PARK = "UPDATE microkit_outbox SET failed_at = ?, last_error = ? WHERE id = ?";

	private static final String BACKLOG = """
			SELECT COUNT(*) AS backlog, MIN(created_at) AS oldest FROM microkit_outbox
			WHERE sent_at IS NULL AND failed_at IS NULL""";

	private static final String PARKED = "SELECT COUNT(*) FROM microkit_outbox WHERE failed_at IS NOT NULL";

	private static final String DELETE_SENT = "DELETE FROM microkit_outbox WHERE sent_at < ?";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate namedJdbc;

	private int nextShard;

	OutboxTable(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * Locks up to {@code count} shards no other relay holds, starting where the last call
	 * stopped so that every shard gets its turn; the locks last until the transaction
	 * ends.
	 */
	List<Integer> lockShards(int count) {
		int start = this.nextShard;
		this.nextShard = (start + count) % OutboxWriter.SHARDS;
		List<Integer> shards = new ArrayList<>(this.jdbc.queryForList(LOCK_SHARDS_FROM, Integer.class, start, count));
		if (shards.size() < count && start > 0) {
			shards.addAll(this.jdbc.queryForList(LOCK_SHARDS_BEFORE, Integer.class, start, count - shards.size()));
		}
		return shards;
	}

	/**
	 * Locks those of the given shards no other relay holds, until the transaction ends.
	 */
	List<Integer> lockShards(List<Integer> shards) {
		return this.namedJdbc.queryForList(LOCK_NAMED_SHARDS, Map.of("shards", shards), Integer.class);
	}

	/**
	 * The oldest unsent rows of the given shards, shard after shard, up to the limit.
	 */
	List<OutboxRow> unsent(List<Integer> shards, int limit) {
		List<OutboxRow> rows = new ArrayList<>();
		for (int shard : shards) {
			int room = limit - rows.size();
			if (room == 0) {
				break;
			}
			rows.addAll(this.jdbc.query(SELECT_UNSENT, OutboxTable::row, shard, room));
		}
		return rows;
	}

	void markSent(List<Long> ids, Instant now) {
		Timestamp timestamp = Timestamp.from(now);
		for (int from = 0; from < ids.size(); from += IDS_PER_UPDATE) {
			List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_UPDATE));
			this.namedJdbc.update(MARK_SENT, Map.of("now", timestamp, "ids", chunk));
		}
	}

	/**
	 * Keeps a row the broker refuses for good out of every later pass, with its error.
	 */
	void park(long id, String error, Instant now) {
		this.jdbc.update(PARK, Timestamp.from(now), error, id);
	}

	/**
	 * Adds the shard rows a migration may have left out: rows of a missing shard would
	 * never be relayed.
	 */
	void ensureShards() {
		for (int shard = 0; shard < OutboxWriter.SHARDS; shard++) {
			Integer count = this.jdbc.queryForObject(COUNT_SHARD, Integer.class, shard);
			if (count == null || count == 0) {
				try {
					this.jdbc.update(INSERT_SHARD, shard);
				}
				catch (DuplicateKeyException ex) {
					// another relay added it first
				}
			}
		}
	}

	/**
	 * Reads how many rows are unsent and when the oldest of them was written.
	 */
	void readBacklog(BacklogConsumer consumer) {
		this.jdbc.query(BACKLOG, (resultSet) -> {
			Timestamp oldest = resultSet.getTimestamp("oldest");
			consumer.accept(resultSet.getLong("backlog"), (oldest != null) ? oldest.toInstant() : null);
		});
	}

	long countParked() {
		Long parked = this.jdbc.queryForObject(PARKED, Long.class);
		return (parked != null) ? parked : 0;
	}

	int deleteSentBefore(Instant cutoff) {
		return this.jdbc.update(DELETE_SENT, Timestamp.from(cutoff));
	}

	private static OutboxRow row(ResultSet resultSet, int index) throws SQLException {
		OffsetDateTime time = resultSet.getTimestamp("event_time").toInstant().atOffset(ZoneOffset.UTC);
		OutgoingEvent event = new OutgoingEvent(resultSet.getString("event_id"), resultSet.getString("event_type"),
				resultSet.getString("source"), time, resultSet.getString("record_key"), resultSet.getString("topic"),
				resultSet.getBytes("payload"));
		return new OutboxRow(resultSet.getLong("id"), event, resultSet.getString("trace_context"));
	}

	@FunctionalInterface
	interface BacklogConsumer {

		void accept(long backlog, Instant oldest);

	}

}
