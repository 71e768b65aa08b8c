package dev.microkit.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends outbox rows to Kafka. Each pass, in one database transaction, locks the shards
 * no other relay holds ({@code FOR UPDATE SKIP LOCKED}), sends their oldest unsent rows
 * in id order, waits for the broker's acknowledgements and marks the rows sent. When
 * anything fails the transaction rolls back, nothing is marked, and the same rows are
 * sent again, in the same order, after a back-off: events are never lost or reordered
 * per key, and a row is sent twice only when a pass failed halfway. Several instances may
 * relay at once; a shard is only ever worked on by one of them.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final Duration FIGURES_INTERVAL = Duration.ofSeconds(1);

	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

	private static final String LOCK_SHARDS = "SELECT shard FROM microkit_outbox_shards ORDER BY shard FOR UPDATE SKIP LOCKED";

	private static final String SELECT_UNSENT = """
			SELECT id, event_id, event_type, source, event_time, topic, record_key, payload, trace_context
			FROM microkit_outbox WHERE sent_at IS NULL AND shard IN (:shards) ORDER BY id LIMIT :limit""";

	private static final String MARK_SENT = "UPDATE microkit_outbox SET sent_at = ? WHERE id = ?";

	private static final String BACKLOG = "SELECT COUNT(*) AS backlog, MIN(created_at) AS oldest FROM microkit_outbox WHERE sent_at IS NULL";

	private static final String DELETE_SENT = "DELETE FROM microkit_outbox WHERE sent_at < ?";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate namedJdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, byte[]> template;

	private final EventsProperties.Outbox settings;

	private final OutboxTracing tracing;

	private final EventsMetrics metrics;

	private final Clock clock;

	private volatile long backlog;

	private volatile Instant oldestUnsent;

	private volatile Thread worker;

	private volatile boolean running;

	public OutboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			KafkaTemplate<String, byte[]> template, EventsProperties.Outbox settings, OutboxTracing tracing,
			EventsMetrics metrics, MeterRegistry meterRegistry, Clock clock) {
		this.jdbc = jdbc;
		this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.template = template;
		this.settings = settings;
		this.tracing = tracing;
		this.metrics = metrics;
		this.clock = clock;
		Gauge.builder("microkit.events.outbox.backlog", this, (relay) -> relay.backlog)
			.description("Events in the outbox not yet sent to Kafka")
			.register(meterRegistry);
		Gauge.builder("microkit.events.outbox.oldest.age", this, OutboxRelay::oldestAgeSeconds)
			.description("Age of the oldest event in the outbox not yet sent to Kafka")
			.baseUnit("seconds")
			.register(meterRegistry);
	}

	/**
	 * Sends one batch.
	 * @return how many events were sent
	 */
	public int relayOnce() {
		Integer sent = this.transactions.execute((status) -> {
			List<Integer> shards = this.jdbc.queryForList(LOCK_SHARDS, Integer.class);
			if (shards.isEmpty()) {
				return 0;
			}
			List<OutboxRow> rows = this.namedJdbc.query(SELECT_UNSENT,
					Map.of("shards", shards, "limit", this.settings.getBatchSize()), OutboxRelay::row);
			if (rows.isEmpty()) {
				return 0;
			}
			send(rows);
			Timestamp now = Timestamp.from(this.clock.instant());
			this.jdbc.batchUpdate(MARK_SENT, rows.stream().map((row) -> new Object[] { now, row.id() }).toList());
			return rows.size();
		});
		return (sent != null) ? sent : 0;
	}

	private void send(List<OutboxRow> rows) {
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			try (OutboxTracing.Scope scope = this.tracing.continueTrace(row.traceContext())) {
				CompletableFuture<SendResult<String, byte[]>> send = this.template.send(row.event().toRecord());
				sends.add(send.whenComplete((result, failure) -> this.metrics.published(row.event().type(),
						row.event().topic(), failure)));
			}
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.settings.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while relaying the outbox", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka did not acknowledge " + rows.size() + " outbox events", ex);
		}
	}

	private static OutboxRow row(ResultSet resultSet, int index) throws SQLException {
		OffsetDateTime time = resultSet.getTimestamp("event_time").toInstant().atOffset(ZoneOffset.UTC);
		OutgoingEvent event = new OutgoingEvent(resultSet.getString("event_id"), resultSet.getString("event_type"),
				resultSet.getString("source"), time, resultSet.getString("record_key"), resultSet.getString("topic"),
				resultSet.getBytes("payload"));
		return new OutboxRow(resultSet.getLong("id"), event, resultSet.getString("trace_context"));
	}

	/**
	 * Refreshes the backlog figures behind the outbox gauges.
	 */
	void updateFigures() {
		this.jdbc.query(BACKLOG, (resultSet) -> {
			this.backlog = resultSet.getLong("backlog");
			Timestamp oldest = resultSet.getTimestamp("oldest");
			this.oldestUnsent = (oldest != null) ? oldest.toInstant() : null;
		});
	}

	/**
	 * Deletes rows sent longer ago than the retention.
	 * @return how many were deleted
	 */
	int deleteSent() {
		return this.jdbc.update(DELETE_SENT, Timestamp.from(this.clock.instant().minus(this.settings.getRetention())));
	}

	private double oldestAgeSeconds() {
		Instant oldest = this.oldestUnsent;
		return (oldest != null) ? Duration.between(oldest, this.clock.instant()).toMillis() / 1000.0 : 0;
	}

	private void run() {
		long failures = 0;
		long nextFigures = 0;
		long nextCleanup = 0;
		while (this.running) {
			try {
				int sent = relayOnce();
				failures = 0;
				long now = System.nanoTime();
				if (now - nextFigures >= 0) {
					updateFigures();
					nextFigures = now + FIGURES_INTERVAL.toNanos();
				}
				if (now - nextCleanup >= 0) {
					deleteSent();
					nextCleanup = now + CLEANUP_INTERVAL.toNanos();
				}
				if (sent == 0) {
					pause(this.settings.getPollInterval());
				}
			}
			catch (RuntimeException ex) {
				failures++;
				Duration backoff = backoff(failures);
				logger.warn("Outbox relay failed (attempt " + failures + "); trying again in " + backoff.toMillis()
						+ " ms: " + ex.getMessage());
				pause(backoff);
			}
		}
	}

	private Duration backoff(long failures) {
		long millis = this.settings.getPollInterval().toMillis() << Math.min(failures, 16);
		return Duration.ofMillis(Math.min(millis, this.settings.getMaxBackoff().toMillis()));
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	@Override
	public synchronized void start() {
		this.running = true;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("microkit-outbox-relay-");
		threads.setDaemon(true);
		this.worker = threads.newThread(this::run);
		this.worker.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			// not interrupted: an interrupt during JDBC I/O can close the connection
			try {
				thread.join(this.settings.getSendTimeout().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record OutboxRow(long id, OutgoingEvent event, String traceContext) {
	}

}
