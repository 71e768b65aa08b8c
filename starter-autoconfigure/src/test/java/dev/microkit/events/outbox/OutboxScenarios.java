package dev.microkit.events.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.outbox.OutboxRelay;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.OrderPlaced;
import dev.microkit.events.KafkaTestSupport;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;
import dev.microkit.testsupport.kafka.KafkaBrokerProcess;

/**
 * The transactional outbox; subclasses say which database.
 */
abstract class OutboxScenarios {

	private static final Duration WAIT = Duration.ofSeconds(60);

	/**
	 * How long no record may come after the expected ones before a test says none was
	 * sent twice: a relay sends a row again, if it does, right after the first time.
	 */
	private static final Duration QUIET = Duration.ofSeconds(2);

	// created up front: a topic the first send creates may refuse its first batches while
	// its leader settles, and the relay then sends rows again (at least once), which
	// would
	// break the counts these scenarios check
	private final String topic = InProcessKafkaBroker.shared().newTopic("outboxed");

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	/**
	 * Datasource properties; each call of one test reaches the same database.
	 */
	protected abstract List<String> databaseProperties();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	private ConfigurableApplicationContext start(String bootstrapServers, List<String> database, String... more) {
		List<String> properties = new ArrayList<>(database);
		properties
			.addAll(List.of("spring.kafka.bootstrap-servers=" + bootstrapServers, "spring.application.name=outbox-test",
					"spring.main.banner-mode=off", "microkit.events.routes.order=" + this.topic,
					"microkit.events.outbox.enabled=true", "microkit.events.outbox.send-timeout=3s",
					"microkit.events.outbox.max-backoff=500ms", "management.tracing.sampling.probability=1.0"));
		properties.addAll(List.of(more));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(OutboxApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private static void inTransaction(ConfigurableApplicationContext context, boolean commit, Runnable work) {
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult((status) -> {
			work.run();
			if (!commit) {
				status.setRollbackOnly();
			}
		});
	}

	private static int unsent(ConfigurableApplicationContext context) {
		return context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM microkit_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
					Integer.class);
	}

	private static int rows(ConfigurableApplicationContext context) {
		return context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM microkit_outbox", Integer.class);
	}

	@Test
	void rollbackPublishesNothing() {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties());
		EventPublisher publisher = context.getBean(EventPublisher.class);
		inTransaction(context, false, () -> {
			for (int i = 0; i < 5; i++) {
				assertThat(publisher.publish("order.placed", "o-" + i, new OrderPlaced("o-" + i, "s", 1, i))
					.join()
					.offset()).isEqualTo(-1);
			}
		});
		assertThat(rows(context)).isZero();
		assertThat(new KafkaTestSupport(bootstrap).readAll(this.topic, 1, Duration.ofSeconds(1))).isEmpty();
	}

	@Test
	void commitPublishesExactlyTheEventsWritten() {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties());
		EventPublisher publisher = context.getBean(EventPublisher.class);
		List<String> ids = new ArrayList<>();
		inTransaction(context, true, () -> {
			for (int i = 0; i < 10; i++) {
				ids.add(publisher.publish("order.placed", "o-" + i, new OrderPlaced("o-" + i, "s", 1, i)).join().id());
			}
		});
		List<ConsumerRecord<String, byte[]>> records = new KafkaTestSupport(bootstrap).readAll(this.topic, 10, WAIT,
				QUIET);
		assertThat(records).extracting((record) -> header(record, "ce_id")).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(records).as("relayed with the producer's identity")
			.extracting((record) -> header(record, "ce_authid"))
			.containsOnly(header(records.get(0), "ce_source"));
		await().atMost(WAIT).until(() -> unsent(context) == 0);
		assertThat(context.getBean(OutboxRelay.class).deleteSent()).isZero();
	}

	@Test
	void sentRowsAreDeletedAfterTheRetention() throws Exception {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties(),
				"microkit.events.outbox.retention=1ms");
		inTransaction(context, true, () -> context.getBean(EventPublisher.class)
			.publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 1)));
		await().atMost(WAIT).until(() -> unsent(context) == 0);
		Thread.sleep(20);
		context.getBean(OutboxRelay.class).deleteSent();
		assertThat(rows(context)).isZero();
	}

	@Test
	void aRestartedApplicationRelaysWhatItsPredecessorLeft() {
		List<String> database = databaseProperties();
		ConfigurableApplicationContext before = start("127.0.0.1:1", database);
		for (int i = 0; i < 20; i++) {
			int sequence = i;
			inTransaction(before, true,
					() -> before.getBean(EventPublisher.class)
						.publish("order.placed", "o-" + (sequence % 4),
								new OrderPlaced("o-" + (sequence % 4), "s", 1, sequence)));
		}
		assertThat(unsent(before)).isEqualTo(20);
		before.close();
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		// the default send timeout: a pass whose acknowledgements take longer sends its
		// unacknowledged rows again (at least once), and a new topic's first
		// acknowledgements have taken more than 3 s on a starved 2-core machine
		ConfigurableApplicationContext after = start(bootstrap, database, "microkit.events.outbox.send-timeout=30s");
		List<ConsumerRecord<String, byte[]>> records = new KafkaTestSupport(bootstrap).readAll(this.topic, 20, WAIT);
		assertThat(records).hasSize(20);
		assertPerKeyOrder(records);
		await().atMost(WAIT).until(() -> unsent(after) == 0);
	}

	@Test
	void theBacklogFiguresFollowTheEventsWrittenWhileKafkaIsAway() {
		ConfigurableApplicationContext context = start("127.0.0.1:1", databaseProperties());
		inTransaction(context, true, () -> {
			for (int i = 0; i < 3; i++) {
				context.getBean(EventPublisher.class)
					.publish("order.placed", "o-" + i, new OrderPlaced("o-" + i, "s", 1, i));
			}
		});
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		await().atMost(WAIT).until(() -> meters.get("microkit.events.outbox.backlog").gauge().value() == 3.0);
		assertThat(meters.get("microkit.events.outbox.oldest.age").gauge().value()).isPositive();
	}

	@Test
	void brokerOutageLosesAndReordersNothing() throws Exception {
		try (KafkaBrokerProcess broker = KafkaBrokerProcess.fromClassPath()) {
			broker.start();
			String bootstrap = broker.bootstrapServers();
			ConfigurableApplicationContext context = start(bootstrap, databaseProperties());
			EventPublisher publisher = context.getBean(EventPublisher.class);
			broker.stop();
			for (int i = 0; i < 500; i++) {
				int sequence = i;
				String key = "o-" + (sequence % 10);
				inTransaction(context, true,
						() -> publisher.publish("order.placed", key, new OrderPlaced(key, "s", 1, sequence)));
			}
			assertThat(unsent(context)).isEqualTo(500);
			broker.start();
			List<ConsumerRecord<String, byte[]>> records = new KafkaTestSupport(bootstrap).readAll(this.topic, 500,
					WAIT);
			assertThat(records.stream().map((record) -> header(record, "ce_id")).distinct()).hasSize(500);
			assertPerKeyOrder(records);
			await().atMost(WAIT).until(() -> unsent(context) == 0);
		}
	}

	@Test
	void anEventKafkaRefusesForGoodIsParkedAndTheRestGoOn() {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties());
		EventPublisher publisher = context.getBean(EventPublisher.class);
		String huge = "x".repeat(2 * 1024 * 1024);
		inTransaction(context, true, () -> {
			publisher.publish("order.placed", "o-big", new OrderPlaced("o-big", huge, 1, 1));
			publisher.publish("order.placed", "o-small", new OrderPlaced("o-small", "s", 1, 2));
		});
		List<ConsumerRecord<String, byte[]>> records = new KafkaTestSupport(bootstrap).readAll(this.topic, 1, WAIT);
		assertThat(records).extracting(ConsumerRecord::key).containsExactly("o-small");
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		await().atMost(WAIT).until(() -> unsent(context) == 0);
		assertThat(
				jdbc.queryForObject("SELECT last_error FROM microkit_outbox WHERE record_key = 'o-big'", String.class))
			.contains("RecordTooLargeException");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		await().atMost(WAIT).until(() -> meters.get("microkit.events.outbox.parked").gauge().value() == 1.0);
	}

	@Test
	void twoRelaysOnOneTableSendNoRowTwice() {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		List<String> database = databaseProperties();
		ConfigurableApplicationContext first = start(bootstrap, database);
		start(bootstrap, database);
		EventPublisher publisher = first.getBean(EventPublisher.class);
		for (int batch = 0; batch < 10; batch++) {
			int offset = batch * 100;
			inTransaction(first, true, () -> {
				for (int i = offset; i < offset + 100; i++) {
					publisher.publish("order.placed", "o-" + (i % 25), new OrderPlaced("o-" + (i % 25), "s", 1, i));
				}
			});
		}
		List<ConsumerRecord<String, byte[]>> records = new KafkaTestSupport(bootstrap).readAll(this.topic, 1000, WAIT,
				QUIET);
		assertThat(records).hasSize(1000);
		assertThat(records.stream().map((record) -> header(record, "ce_id")).distinct()).hasSize(1000);
		assertPerKeyOrder(records);
	}

	@Test
	void anIdleRelayLooksAtEveryShardInItsNextPass() throws Exception {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		// the relay's own thread makes its first pass, then sleeps: the test makes the
		// next
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties(),
				"microkit.events.outbox.poll-interval=1h", "microkit.events.outbox.send-after-commit=false");
		EventPublisher publisher = context.getBean(EventPublisher.class);
		inTransaction(context, true, () -> {
			for (int i = 0; i < 40; i++) {
				publisher.publish("order.placed", "o-" + i, new OrderPlaced("o-" + i, "s", 1, i));
			}
		});
		Thread.sleep(300);
		assertThat(unsent(context)).as("rows sent without a wake-up or a poll").isEqualTo(40);
		context.getBean(OutboxRelay.class).relayOnce();
		await().atMost(Duration.ofSeconds(5)).until(() -> unsent(context) == 0);
	}

	@Test
	void aCommitWakesTheRelayLongBeforeItsNextPoll() {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties(),
				"microkit.events.outbox.poll-interval=1h");
		EventPublisher publisher = context.getBean(EventPublisher.class);
		for (int batch = 0; batch < 3; batch++) {
			int offset = batch * 5;
			inTransaction(context, true, () -> {
				for (int i = offset; i < offset + 5; i++) {
					publisher.publish("order.placed", "o-" + i, new OrderPlaced("o-" + i, "s", 1, i));
				}
			});
			List<ConsumerRecord<String, byte[]>> records = new KafkaTestSupport(bootstrap).readAll(this.topic,
					offset + 5, WAIT);
			assertThat(records).hasSize(offset + 5);
		}
		await().atMost(WAIT).until(() -> unsent(context) == 0);
	}

	@Test
	void aWokenShardAnotherRelayHoldsIsSentOnceItIsFree() throws Exception {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties(),
				"microkit.events.outbox.poll-interval=1h");
		try (Connection otherRelay = context.getBean(DataSource.class).getConnection()) {
			otherRelay.setAutoCommit(false);
			try (Statement statement = otherRelay.createStatement()) {
				statement.executeQuery("SELECT shard FROM microkit_outbox_shards FOR UPDATE").close();
			}
			inTransaction(context, true, () -> context.getBean(EventPublisher.class)
				.publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 1)));
			Thread.sleep(300);
			assertThat(unsent(context)).as("rows sent from a shard another relay held").isEqualTo(1);
			otherRelay.commit();
		}
		assertThat(new KafkaTestSupport(bootstrap).readAll(this.topic, 1, WAIT)).hasSize(1);
	}

	@Test
	void aBacklogOfManyBatchesIsRelayedWhollyAndInOrderPerKey() {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties(),
				"microkit.events.outbox.batch-size=7");
		EventPublisher publisher = context.getBean(EventPublisher.class);
		inTransaction(context, true, () -> {
			for (int i = 0; i < 300; i++) {
				String key = "o-" + (i % 40);
				publisher.publish("order.placed", key, new OrderPlaced(key, "s", 1, i));
			}
		});
		List<ConsumerRecord<String, byte[]>> records = new KafkaTestSupport(bootstrap).readAll(this.topic, 300, WAIT);
		assertThat(records.stream().map((record) -> header(record, "ce_id")).distinct()).hasSize(300);
		assertPerKeyOrder(records);
		await().atMost(WAIT).until(() -> unsent(context) == 0);
	}

	@Test
	void theTraceOfThePublisherContinuesThroughTheOutbox() {
		String bootstrap = InProcessKafkaBroker.shared().bootstrapServers();
		ConfigurableApplicationContext context = start(bootstrap, databaseProperties());
		Tracer tracer = context.getBean(Tracer.class);
		Span span = tracer.nextSpan().name("place order").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			inTransaction(context, true, () -> context.getBean(EventPublisher.class)
				.publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 1)));
		}
		finally {
			span.end();
		}
		ConsumerRecord<String, byte[]> record = new KafkaTestSupport(bootstrap).readAll(this.topic, 1, WAIT).get(0);
		assertThat(header(record, "traceparent")).contains(span.context().traceId());
	}

	/**
	 * Each key's events in the order they were written, duplicates aside: a pass that
	 * fails halfway sends its rows again (at least once, as documented), and an
	 * idempotent consumer skips the copies.
	 */
	private static void assertPerKeyOrder(List<ConsumerRecord<String, byte[]>> records) {
		ObjectMapper mapper = new ObjectMapper();
		Map<String, Long> last = new HashMap<>();
		Set<String> seen = new HashSet<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			if (!seen.add(header(record, "ce_id"))) {
				continue;
			}
			OrderPlaced order = read(mapper, record);
			Long previous = last.put(record.key(), order.sequence());
			if (previous != null) {
				assertThat(order.sequence()).as("order of key %s", record.key()).isGreaterThan(previous);
			}
		}
	}

	private static OrderPlaced read(ObjectMapper mapper, ConsumerRecord<String, byte[]> record) {
		try {
			return mapper.readValue(record.value(), OrderPlaced.class);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OutboxApplication {

	}

}
