package dev.microkit.events.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.idempotency.ProcessedEventStore;
import dev.microkit.events.idempotency.JdbcProcessedEventStore;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.KafkaTestSupport;
import dev.microkit.events.LedgerHandlers;
import dev.microkit.events.OrderPlaced;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

/**
 * The idempotent consumer on a database: the handled event is recorded in the handler's
 * own transaction. Subclasses say which database.
 */
abstract class JdbcIdempotencyScenarios {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String topic = KafkaTestSupport.uniqueTopic("ledger");

	private final KafkaTestSupport kafka = new KafkaTestSupport(InProcessKafkaBroker.shared().bootstrapServers());

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	protected abstract List<String> databaseProperties();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	private ConfigurableApplicationContext start(List<String> database) {
		List<String> properties = new ArrayList<>(database);
		properties.addAll(List.of("spring.kafka.bootstrap-servers=" + InProcessKafkaBroker.shared().bootstrapServers(),
				"spring.application.name=ledger", "spring.main.banner-mode=off",
				"microkit.events.routes.order=" + this.topic, "microkit.events.retry.initial-interval=50ms"));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	@Test
	void usesTheDatabaseStoreByDefault() {
		ConfigurableApplicationContext context = start(databaseProperties());
		assertThat(context.getBean(ProcessedEventStore.class)).isInstanceOf(JdbcProcessedEventStore.class);
	}

	@Test
	void duplicateEventIdIsHandledOnce() throws Exception {
		ConfigurableApplicationContext context = start(databaseProperties());
		LedgerHandlers ledger = context.getBean(LedgerHandlers.class);
		context.getBean(EventPublisher.class).publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 1)).join();
		ConsumerRecord<String, byte[]> original = this.kafka.readAll(this.topic, 1, WAIT).get(0);
		this.kafka.send(new ProducerRecord<>(this.topic, original.partition(), original.key(), original.value(),
				original.headers()));
		context.getBean(EventPublisher.class).publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 2)).join();
		await().atMost(WAIT).until(() -> ledger.rows() >= 2);
		Thread.sleep(500);
		assertThat(ledger.rows()).isEqualTo(2);
		assertThat(ledger.processed()).isEqualTo(2);
	}

	@Test
	void handledIdsAreForgottenAfterTheRetention() throws Exception {
		ConfigurableApplicationContext context = start(databaseProperties());
		LedgerHandlers ledger = context.getBean(LedgerHandlers.class);
		context.getBean(EventPublisher.class).publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 1)).join();
		await().atMost(WAIT).until(() -> ledger.processed() == 1);
		JdbcProcessedEventStore store = context.getBean(JdbcProcessedEventStore.class);
		assertThat(store.forgetOlderThan(Duration.ofHours(1))).isZero();
		Thread.sleep(20);
		assertThat(store.forgetOlderThan(Duration.ofMillis(1))).isEqualTo(1);
		assertThat(ledger.processed()).isZero();
	}

	@Test
	void aFailedHandlingRollsBackItsWorkWithTheMarkAndIsHandledOnceOnRetry() throws Exception {
		ConfigurableApplicationContext context = start(databaseProperties());
		LedgerHandlers ledger = context.getBean(LedgerHandlers.class);
		context.getBean(EventPublisher.class).publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, -1)).join();
		await().atMost(WAIT).until(() -> ledger.attempts.get() >= 2 && ledger.processed() == 1);
		assertThat(ledger.rows()).isEqualTo(1);
		assertThat(ledger.attempts).hasValue(2);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LedgerApplication {

		@Bean
		LedgerHandlers ledgerHandlers(JdbcTemplate jdbc) {
			return new LedgerHandlers(jdbc);
		}

	}

}
