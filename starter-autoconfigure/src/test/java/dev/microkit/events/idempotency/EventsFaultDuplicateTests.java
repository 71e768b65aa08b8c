package dev.microkit.events.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.idempotency.JdbcIdempotencyScenarios;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.OutgoingEvent;
import dev.microkit.events.kafka.KafkaEventSender;
import dev.microkit.events.PublishedEvent;
import dev.microkit.events.KafkaTestSupport;
import dev.microkit.events.PostgresTestDatabase;
import dev.microkit.events.OrderPlaced;
import dev.microkit.events.LedgerHandlers;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

/**
 * Events delivered again and again, with the idempotent consumer's store on PostgreSQL:
 * identical records sent a second time, both copies of an event on two partitions at
 * once, copies consumed while a second instance joins the group, and everything read
 * again by restarted consumers. Each event is handled once, and the handler's own row
 * commits with the store's mark.
 */
class EventsFaultDuplicateTests {

	private static final int PUBLISHED = 300;

	private static final int RACED = 100;

	private static final int CONCURRENCY = 3;

	private static final Duration WAIT = Duration.ofSeconds(90);

	private final String topic = KafkaTestSupport.uniqueTopic("orders");

	private final String group = "duplicates-" + UUID.randomUUID().toString().substring(0, 8);

	private final KafkaTestSupport kafka = new KafkaTestSupport(InProcessKafkaBroker.shared().bootstrapServers());

	private final List<ConfigurableApplicationContext> running = new ArrayList<>();

	private List<String> database;

	private double deliveries;

	private double skipped;

	private double failed;

	private int handlerCalls;

	@AfterEach
	void close() {
		new ArrayList<>(this.running).forEach(this::stop);
	}

	@Test
	void everyEventIsHandledOnceHoweverOftenItIsDelivered() throws Exception {
		this.database = PostgresTestDatabase.freshSchema();
		this.kafka.createTopic(this.topic, 3);
		ConfigurableApplicationContext first = start();
		EventPublisher publisher = first.getBean(EventPublisher.class);
		List<CompletableFuture<PublishedEvent>> sends = new ArrayList<>();
		for (int i = 0; i < PUBLISHED; i++) {
			String key = "o-" + (i % 30);
			sends.add(publisher.publish("order.placed", key, new OrderPlaced(key, "sku-1", 1, i)));
		}
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
		awaitNoLag();
		List<ConsumerRecord<String, byte[]>> originals = this.kafka.readAll(this.topic, PUBLISHED, WAIT);
		assertThat(originals).hasSize(PUBLISHED);

		// the same records again, as a producer retrying without idempotence would write
		// them
		this.kafka.sendAll(originals.stream().map(EventsFaultDuplicateTests::copy).toList());
		awaitNoLag();

		// both copies of an event at once, on two partitions read by two consumer threads
		List<ProducerRecord<String, byte[]>> raced = raced();
		this.kafka.sendAll(raced);
		awaitNoLag();

		// copies consumed while a second instance joins and the partitions move
		ConfigurableApplicationContext second = start();
		List<ProducerRecord<String, byte[]>> again = new ArrayList<>(
				originals.stream().map(EventsFaultDuplicateTests::copy).toList());
		again.addAll(raced);
		this.kafka.sendAll(again);
		awaitNoLag();

		// the second instance leaves, and the first one's consumers restart reading the
		// topic from its start
		stop(second);
		EventListeners consumers = first.getBean(EventListeners.class);
		consumers.stop();
		this.kafka.rewind(this.group, this.topic);
		consumers.start();
		awaitNoLag();
		LedgerHandlers ledger = first.getBean(LedgerHandlers.class);
		int rows = ledger.rows();
		int processed = ledger.processed();
		stop(first);

		int events = PUBLISHED + RACED;
		long records = this.kafka.recordsIn(this.topic);
		System.out.printf(
				"duplicates (PostgreSQL store): %d events in %d records, %.0f deliveries, %d handled "
						+ "(%d handler calls), %.0f skipped as duplicates, %.0f lost a race and were retried%n",
				events, records, this.deliveries, rows, this.handlerCalls, this.skipped, this.failed);
		assertThat(records).isEqualTo(3L * PUBLISHED + 4L * RACED);
		assertThat(this.deliveries).isGreaterThanOrEqualTo(2.0 * records);
		assertThat(rows).isEqualTo(events);
		assertThat(processed).isEqualTo(events);
		assertThat(this.handlerCalls).isEqualTo(events);
		assertThat(this.deliveries).isEqualTo(events + this.skipped + this.failed);
	}

	/**
	 * New events, each sent to two partitions at once.
	 */
	private List<ProducerRecord<String, byte[]>> raced() throws Exception {
		ObjectMapper json = new ObjectMapper();
		List<ProducerRecord<String, byte[]>> raced = new ArrayList<>();
		for (int i = 0; i < RACED; i++) {
			String key = "r-" + i;
			ProducerRecord<String, byte[]> record = KafkaEventSender
				.toRecord(OutgoingEvent.create("order.placed", "duplicates-test", key, this.topic,
						json.writeValueAsBytes(new OrderPlaced(key, "sku-1", 1, PUBLISHED + i))));
			raced.add(new ProducerRecord<>(this.topic, i % 3, key, record.value(), record.headers()));
			raced.add(new ProducerRecord<>(this.topic, (i + 1) % 3, key, record.value(), record.headers()));
		}
		return raced;
	}

	private static ProducerRecord<String, byte[]> copy(ConsumerRecord<String, byte[]> original) {
		return new ProducerRecord<>(original.topic(), original.partition(), original.key(), original.value(),
				original.headers());
	}

	private void awaitNoLag() {
		await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.kafka.stableMembers(this.group) == CONCURRENCY * this.running.size()
					&& this.kafka.lag(this.group, this.topic) == 0);
	}

	private ConfigurableApplicationContext start() {
		List<String> properties = new ArrayList<>(this.database);
		properties.addAll(List.of("spring.kafka.bootstrap-servers=" + InProcessKafkaBroker.shared().bootstrapServers(),
				"spring.application.name=duplicates-test", "spring.main.banner-mode=off",
				"microkit.events.group=" + this.group, "microkit.events.routes.order=" + this.topic,
				"microkit.events.idempotency.store=jdbc", "microkit.events.concurrency=" + CONCURRENCY,
				"microkit.events.retry.initial-interval=50ms", "microkit.events.retry.max-interval=200ms"));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(
				JdbcIdempotencyScenarios.LedgerApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.running.add(context);
		return context;
	}

	/**
	 * Stops an instance and keeps its figures.
	 */
	private void stop(ConfigurableApplicationContext context) {
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		this.deliveries += sum(meters, "microkit.events.consumed");
		this.skipped += sum(meters, "microkit.events.duplicates");
		this.failed += sum(meters, "microkit.events.failed");
		this.handlerCalls += context.getBean(LedgerHandlers.class).attempts.get();
		context.close();
		this.running.remove(context);
	}

	private static double sum(MeterRegistry meters, String name) {
		return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

}
