package dev.microkit.events.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.outbox.OutboxScenarios;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.KafkaTestSupport;
import dev.microkit.events.CuttableTcpProxy;
import dev.microkit.events.OrderPlaced;
import dev.microkit.events.ProxiedPostgres;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

/**
 * The outbox's database becomes unreachable for a few seconds while the application
 * writes events through it: the business transactions of the outage fail, every one that
 * committed is relayed to Kafka, and the relay resumes by itself once the database is
 * back. PostgreSQL itself keeps running (other tests use it); the application reaches it
 * through a proxy that the test cuts, or turns into a black hole that answers nothing on
 * open connections: a socket timeout on the connections keeps the relay from waiting
 * forever.
 */
class EventsFaultOutboxOutageTests {

	private static final Duration BEFORE = Duration.ofSeconds(1);

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	private static final Duration AFTER = Duration.ofSeconds(1);

	private static final int WRITERS = 2;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final String topic = KafkaTestSupport.uniqueTopic("orders");

	private final KafkaTestSupport kafka = new KafkaTestSupport(InProcessKafkaBroker.shared().bootstrapServers());

	private final AtomicLong sequence = new AtomicLong();

	private final Set<Long> committed = ConcurrentHashMap.newKeySet();

	private final Set<Long> failed = ConcurrentHashMap.newKeySet();

	private final Set<Long> failedDuringOutage = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean outage = new AtomicBoolean();

	private CuttableTcpProxy proxy;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() throws Exception {
		if (this.context != null) {
			this.context.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@ParameterizedTest(name = "database {0}")
	@ValueSource(strings = { "refused", "black-holed" })
	void theRelayResumesAfterTheDatabaseComesBackAndLosesNoCommittedEvent(String outage) throws Exception {
		this.kafka.createTopic(this.topic, 3);
		ProxiedPostgres database = ProxiedPostgres.freshSchema();
		this.proxy = database.proxy();
		this.context = start(database.properties());
		EventPublisher publisher = this.context.getBean(EventPublisher.class);
		TransactionTemplate transactions = new TransactionTemplate(
				this.context.getBean(PlatformTransactionManager.class));
		AtomicBoolean writing = new AtomicBoolean(true);
		List<Thread> writers = new ArrayList<>();
		for (int i = 0; i < WRITERS; i++) {
			String keyPrefix = "w" + i + "-";
			Thread writer = new Thread(() -> {
				while (writing.get()) {
					write(transactions, publisher, keyPrefix);
				}
			}, "writer-" + i);
			writer.start();
			writers.add(writer);
		}
		Thread.sleep(BEFORE.toMillis());
		this.outage.set(true);
		if (outage.equals("refused")) {
			this.proxy.cut();
		}
		else {
			this.proxy.blackHole();
		}
		// no write begun after the cut can commit
		long lastBeforeCut = this.sequence.get();
		Thread.sleep(OUTAGE.toMillis());
		long restoredAt = System.currentTimeMillis();
		this.proxy.restore();
		this.outage.set(false);
		Thread.sleep(AFTER.toMillis());
		writing.set(false);
		for (Thread writer : writers) {
			writer.join();
		}

		JdbcTemplate jdbc = this.context.getBean(JdbcTemplate.class);
		await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jdbc.queryForObject(
					"SELECT COUNT(*) FROM microkit_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
					Integer.class) == 0);
		long records = this.kafka.recordsIn(this.topic);
		List<ConsumerRecord<String, byte[]>> delivered = this.kafka.readAll(this.topic, (int) records, WAIT);
		Map<Long, Integer> copies = new HashMap<>();
		delivered.forEach((record) -> copies.merge(read(record).sequence(), 1, Integer::sum));
		long resumedAfter = delivered.stream()
			.mapToLong(ConsumerRecord::timestamp)
			.filter((sent) -> sent >= restoredAt)
			.min()
			.orElse(Long.MAX_VALUE) - restoredAt;
		Set<Long> committedButReportedFailed = new HashSet<>(copies.keySet());
		committedButReportedFailed.removeAll(this.committed);
		System.out
			.printf("outbox outage (%s for %d s): %d written, %d committed, %d failed (%d during the outage, %d of "
					+ "them committed after all), %d delivered, %d duplicates, relay resumed %d ms after the restore%n",
					outage, OUTAGE.toSeconds(), this.sequence.get(), this.committed.size(), this.failed.size(),
					this.failedDuringOutage.size(), committedButReportedFailed.size(), copies.size(),
					delivered.size() - copies.size(), resumedAfter);

		assertThat(this.failedDuringOutage).isNotEmpty();
		assertThat(copies.keySet()).containsAll(this.committed);
		// a write whose commit reached the database just before the cut reports a failure
		assertThat(this.failed).containsAll(committedButReportedFailed);
		assertThat(resumedAfter).isLessThan(WAIT.toMillis());
		// only a pass the cut broke is sent again
		assertThat(copies).allSatisfy((written, times) -> {
			if (times > 1) {
				assertThat(written).isLessThanOrEqualTo(lastBeforeCut);
			}
		});
		assertPerKeyOrder(delivered);
	}

	private void write(TransactionTemplate transactions, EventPublisher publisher, String keyPrefix) {
		long n = this.sequence.incrementAndGet();
		String key = keyPrefix + (n % 10);
		try {
			transactions.executeWithoutResult(
					(status) -> publisher.publish("order.placed", key, new OrderPlaced(key, "sku-1", 1, n)));
			this.committed.add(n);
		}
		catch (RuntimeException ex) {
			this.failed.add(n);
			if (this.outage.get()) {
				this.failedDuringOutage.add(n);
			}
		}
	}

	/**
	 * The order of each key's first copies: a re-sent batch repeats events, but no event
	 * is first delivered after a later one of its key.
	 */
	private static void assertPerKeyOrder(List<ConsumerRecord<String, byte[]>> records) {
		Map<String, Long> last = new HashMap<>();
		Set<Long> seen = new HashSet<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			long sequence = read(record).sequence();
			if (seen.add(sequence)) {
				Long previous = last.put(record.key(), sequence);
				if (previous != null) {
					assertThat(sequence).as("order of key %s", record.key()).isGreaterThan(previous);
				}
			}
		}
	}

	private ConfigurableApplicationContext start(List<String> database) {
		List<String> properties = new ArrayList<>(database);
		properties.addAll(List.of("spring.kafka.bootstrap-servers=" + InProcessKafkaBroker.shared().bootstrapServers(),
				"spring.application.name=outbox-outage-test", "spring.main.banner-mode=off",
				"microkit.events.routes.order=" + this.topic, "microkit.events.outbox.enabled=true",
				// a business transaction fails within a second when the database is away
				"spring.datasource.hikari.connection-timeout=1000",
				// and within 2 s, before the outage ends, when it stops answering on an
				// open connection
				"spring.datasource.hikari.data-source-properties.socketTimeout=2"));
		return new SpringApplicationBuilder(OutboxScenarios.OutboxApplication.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	private static OrderPlaced read(ConsumerRecord<String, byte[]> record) {
		try {
			return new ObjectMapper().readValue(record.value(), OrderPlaced.class);
		}
		catch (Exception ex) {
			throw new IllegalStateException(new String(record.value(), StandardCharsets.UTF_8), ex);
		}
	}

}
