package dev.microkit.events.outbox;

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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.OutgoingEvent;

/**
 * Sends outbox rows to Kafka. Each pass, in one database transaction, locks a few shards
 * no other relay holds ({@code FOR UPDATE SKIP LOCKED}), sends their oldest unsent rows,
 * shard after shard and in id order within a shard, waits for the broker's
 * acknowledgements and marks the rows sent up to the first one that failed. The rest are
 * sent again, in the same order, after a back-off: events are never lost or reordered
 * per key, and a row is sent twice only when a pass failed halfway. Several instances
 * relay at once, each on other shards.
 */
public class OutboxRelay implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final Duration FIGURES_INTERVAL = Duration.ofSeconds(1);

	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

	/**
	 * Shards a pass works on while events flow, so that several relays make progress side
	 * by side. After a pass that found nothing the next one looks at every shard: an
	 * idle relay would otherwise reach a shard only every fourth poll interval, and an
	 * event written then would wait that long.
	 */
	static final int SHARDS_PER_PASS = 4;

	private static final String LOCK_SHARDS_FROM = """
			SELECT shard FROM microkit_outbox_shards WHERE shard >= ? ORDER BY shard LIMIT ? FOR UPDATE SKIP LOCKED""";

	private static final String LOCK_SHARDS_BEFORE = """
			SELECT shard FROM microkit_outbox_shards WHERE shard < ? ORDER BY shard LIMIT ? FOR UPDATE SKIP LOCKED""";

	private static final String COUNT_SHARD = "SELECT COUNT(*) FROM microkit_outbox_shards WHERE shard = ?";

	private static final String INSERT_SHARD = "INSERT INTO microkit_outbox_shards (shard) VALUES (?)";

	// One shard a query: it reads the shard's unsent rows in index order and stops at the
	// limit, where a query over several shards would sort all their unsent rows each pass.
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

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, byte[]> template;

	private final EventsProperties.Outbox settings;

	private final OutboxTracing tracing;

	private final EventsMetrics metrics;

	private final Clock clock;

	private volatile long backlog;

	private volatile long parked;

	private int nextShard;

	private int shardsNextPass = OutboxWriter.SHARDS;

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
		Gauge.builder("microkit.events.outbox.backlog", this, OutboxRelay::backlog)
			.description("Events in the outbox not yet sent to Kafka")
			.register(meterRegistry);
		Gauge.builder("microkit.events.outbox.parked", this, OutboxRelay::parked)
			.description("Outbox events Kafka refused for good, kept with their error and not resent")
			.register(meterRegistry);
		Gauge.builder("microkit.events.outbox.oldest.age", this,
				(relay) -> relay.oldestUnsentAge().toMillis() / 1000.0)
			.description("Age of the oldest event in the outbox not yet sent to Kafka")
			.baseUnit("seconds")
			.register(meterRegistry);
	}

	/**
	 * Sends one batch: locks a few shards, makes sure Kafka knows the batch's topics, sends
	 * each shard's rows in id order until one is refused, waits for the acknowledgements,
	 * and marks the acknowledged rows up to the first failure as sent. A row refused for good is
	 * parked; any other failure is reported after the acknowledged rows are committed.
	 * @return how many events were sent
	 */
	public int relayOnce() {
		PassResult result = this.transactions.execute((status) -> {
			List<Integer> shards = lockShards(this.shardsNextPass);
			if (shards.isEmpty()) {
				return PassResult.NOTHING;
			}
			List<OutboxRow> rows = unsent(shards);
			if (rows.isEmpty()) {
				return PassResult.NOTHING;
			}
			rows.stream().map((row) -> row.event().topic()).distinct().forEach(this.template::partitionsFor);
			return settle(rows, send(rows));
		});
		int sent = (result != null) ? result.sent() : 0;
		this.shardsNextPass = (sent > 0) ? SHARDS_PER_PASS : OutboxWriter.SHARDS;
		if (result != null && result.failure() != null) {
			throw new IllegalStateException("Kafka did not take outbox event " + result.failedEventId() + " ("
					+ result.sent() + " sent before it)", result.failure());
		}
		return sent;
	}

	/**
	 * The oldest unsent rows of the locked shards, shard after shard, up to the batch size.
	 */
	private List<OutboxRow> unsent(List<Integer> shards) {
		List<OutboxRow> rows = new ArrayList<>();
		for (int shard : shards) {
			int room = this.settings.getBatchSize() - rows.size();
			if (room == 0) {
				break;
			}
			rows.addAll(this.jdbc.query(SELECT_UNSENT, OutboxRelay::row, shard, room));
		}
		return rows;
	}

	private List<Integer> lockShards(int count) {
		int start = this.nextShard;
		this.nextShard = (start + count) % OutboxWriter.SHARDS;
		List<Integer> shards = new ArrayList<>(this.jdbc.queryForList(LOCK_SHARDS_FROM, Integer.class, start, count));
		if (shards.size() < count && start > 0) {
			shards.addAll(this.jdbc.queryForList(LOCK_SHARDS_BEFORE, Integer.class, start, count - shards.size()));
		}
		return shards;
	}

	private List<CompletableFuture<SendResult<String, byte[]>>> send(List<OutboxRow> rows) {
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			CompletableFuture<SendResult<String, byte[]>> send;
			try (OutboxTracing.Scope scope = this.tracing.continueTrace(row.traceContext())) {
				send = this.template.send(row.event().toRecord());
			}
			catch (RuntimeException ex) {
				// the template throws what the producer refuses at once, such as a record too large
				send = CompletableFuture.failedFuture(ex);
			}
			sends.add(send.whenComplete((result, failure) -> this.metrics.published(row.event().type(),
					row.event().topic(), failure)));
			if (send.isCompletedExceptionally()) {
				break;
			}
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.settings.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// the outcome of each send is read below
		}
		return sends;
	}

	/**
	 * Marks the acknowledged rows before the first failure as sent; later rows, even if
	 * acknowledged, are sent again next time, so that no key's order depends on a gap.
	 */
	private PassResult settle(List<OutboxRow> rows, List<CompletableFuture<SendResult<String, byte[]>>> sends) {
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Long> sent = new ArrayList<>();
		for (int i = 0; i < sends.size(); i++) {
			Throwable failure = failureOf(sends.get(i));
			if (failure != null) {
				markSent(sent, now);
				OutboxRow row = rows.get(i);
				if (isPermanent(failure)) {
					this.jdbc.update(PARK, now, describe(failure), row.id());
					logger.error("Outbox event " + row.event().id() + " of type '" + row.event().type()
							+ "' parked: Kafka refuses it for good (" + describe(failure) + ")");
					return new PassResult(sent.size(), null, null);
				}
				return new PassResult(sent.size(), failure, row.event().id());
			}
			sent.add(rows.get(i).id());
		}
		markSent(sent, now);
		return new PassResult(sent.size(), null, null);
	}

	private void markSent(List<Long> ids, Timestamp now) {
		for (int from = 0; from < ids.size(); from += IDS_PER_UPDATE) {
			List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_UPDATE));
			this.namedJdbc.update(MARK_SENT, Map.of("now", now, "ids", chunk));
		}
	}

	private static Throwable failureOf(CompletableFuture<?> send) {
		if (!send.isDone()) {
			return new TimeoutException("not acknowledged in time");
		}
		try {
			send.getNow(null);
			return null;
		}
		catch (CompletionException | CancellationException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	// Kafka marks the errors worth retrying; anything else (record too large, invalid
	// topic, not authorized) will fail again however often it is sent.
	private static boolean isPermanent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RetriableException || cause instanceof TimeoutException
					|| cause instanceof org.apache.kafka.common.errors.TimeoutException) {
				return false;
			}
			if (cause instanceof ApiException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static String describe(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String text = root.getClass().getName() + ": " + root.getMessage();
		return (text.length() > 1000) ? text.substring(0, 1000) : text;
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

	private static OutboxRow row(ResultSet resultSet, int index) throws SQLException {
		OffsetDateTime time = resultSet.getTimestamp("event_time").toInstant().atOffset(ZoneOffset.UTC);
		OutgoingEvent event = new OutgoingEvent(resultSet.getString("event_id"), resultSet.getString("event_type"),
				resultSet.getString("source"), time, resultSet.getString("record_key"), resultSet.getString("topic"),
				resultSet.getBytes("payload"));
		return new OutboxRow(resultSet.getLong("id"), event, resultSet.getString("trace_context"));
	}

	/**
	 * Refreshes the backlog figures behind the outbox gauges and health.
	 */
	void updateFigures() {
		this.jdbc.query(BACKLOG, (resultSet) -> {
			this.backlog = resultSet.getLong("backlog");
			Timestamp oldest = resultSet.getTimestamp("oldest");
			this.oldestUnsent = (oldest != null) ? oldest.toInstant() : null;
		});
		Long failed = this.jdbc.queryForObject(PARKED, Long.class);
		this.parked = (failed != null) ? failed : 0;
	}

	/**
	 * Deletes rows sent longer ago than the retention.
	 * @return how many were deleted
	 */
	int deleteSent() {
		return this.jdbc.update(DELETE_SENT, Timestamp.from(this.clock.instant().minus(this.settings.getRetention())));
	}

	/**
	 * Events not yet sent, as of the last refresh of the figures.
	 */
	long backlog() {
		return this.backlog;
	}

	/**
	 * Events Kafka refused for good, as of the last refresh of the figures.
	 */
	long parked() {
		return this.parked;
	}

	/**
	 * How long the oldest event not yet sent has waited; zero when there is none.
	 */
	Duration oldestUnsentAge() {
		Instant oldest = this.oldestUnsent;
		return (oldest != null) ? Duration.between(oldest, this.clock.instant()) : Duration.ZERO;
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
				updateFiguresWhileFailing();
				pause(backoff);
			}
		}
	}

	/**
	 * Refreshes the figures after a failed pass, so that they show the backlog growing
	 * while Kafka is away rather than what the last pass that worked left.
	 */
	private void updateFiguresWhileFailing() {
		try {
			updateFigures();
		}
		catch (RuntimeException ex) {
			// the database is away as well: the figures stay as they were until it is back
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
		ensureShards();
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

	@Override
	public void destroy() {
		if (this.template.getProducerFactory() instanceof DisposableBean factory) {
			try {
				factory.destroy();
			}
			catch (Exception ex) {
				logger.debug("Could not close the outbox relay's producer", ex);
			}
		}
	}

	private record OutboxRow(long id, OutgoingEvent event, String traceContext) {
	}

	private record PassResult(int sent, Throwable failure, String failedEventId) {

		static final PassResult NOTHING = new PassResult(0, null, null);

	}

}
