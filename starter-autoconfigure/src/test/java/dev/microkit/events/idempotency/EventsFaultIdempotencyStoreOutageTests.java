package dev.microkit.events.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.KafkaTestSupport;
import dev.microkit.events.ProxiedPostgres;
import dev.microkit.events.EventsTestApplication;
import dev.microkit.events.RecordingHandlers;
import dev.microkit.events.OrderPlaced;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

/**
 * The idempotent consumer's database goes away while events arrive, refused outright or
 * as a black hole (connections open, nothing answers): no event is dead-lettered for it,
 * and every one is handled once the database is back. Nothing hangs in the black hole,
 * because the connections have a socket timeout, as production settings should.
 */
class EventsFaultIdempotencyStoreOutageTests {

	private static final Duration OUTAGE = Duration.ofSeconds(8);

	private static final int DURING_OUTAGE = 5;

	private final KafkaTestSupport kafka = new KafkaTestSupport(InProcessKafkaBroker.shared().bootstrapServers());

	@ParameterizedTest(name = "database {0}")
	@ValueSource(strings = { "refused", "black-holed" })
	void eventsWaitForTheStoresDatabaseAndAreHandledOnceItIsBack(String outage) throws Exception {
		String topic = KafkaTestSupport.uniqueTopic("store-outage");
		this.kafka.createTopic(topic, 1);
		try (ProxiedPostgres database = ProxiedPostgres.freshSchema();
				ConfigurableApplicationContext context = EventsTestApplication
					.run(InProcessKafkaBroker.shared().bootstrapServers(), properties(database, topic))) {
			RecordingHandlers handlers = context.getBean(RecordingHandlers.class);
			EventPublisher publisher = context.getBean(EventPublisher.class);
			await().atMost(Duration.ofSeconds(60)).until(context.getBean(EventListeners.class)::isAssigned);
			publish(publisher, 0);
			await().atMost(Duration.ofSeconds(30)).until(() -> handlers.placed.size() == 1);

			if (outage.equals("refused")) {
				database.proxy().cut();
			}
			else {
				database.proxy().blackHole();
			}
			for (int i = 1; i <= DURING_OUTAGE; i++) {
				publish(publisher, i);
			}
			Thread.sleep(OUTAGE.toMillis());
			int handledDuringOutage = handlers.placed.size() - 1;
			long restored = System.nanoTime();
			database.proxy().restore();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> new HashSet<>(handlers.placed).size() == DURING_OUTAGE + 1);
			System.out.printf(
					"idempotency store's database %s for %d s: %d events published meanwhile, %d handled "
							+ "during the outage, all handled %.1f s after it ended, %d dead-lettered%n",
					outage, OUTAGE.toSeconds(), DURING_OUTAGE, handledDuringOutage,
					(System.nanoTime() - restored) / 1e9, this.kafka.recordsIn(topic + "-dlt"));
			assertThat(this.kafka.recordsIn(topic + "-dlt")).isZero();
			assertThat(handledDuringOutage).isZero();
		}
	}

	private static String[] properties(ProxiedPostgres database, String topic) {
		List<String> properties = new ArrayList<>(database.properties());
		properties.addAll(List.of("microkit.events.routes.order=" + topic, "microkit.events.idempotency.store=jdbc",
				"spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.data-source-properties.socketTimeout=3"));
		return properties.toArray(String[]::new);
	}

	private static void publish(EventPublisher publisher, int sequence) throws Exception {
		String key = "k-" + sequence;
		publisher.publish("order.placed", key, new OrderPlaced(key, "sku-1", 1, sequence)).get(30, TimeUnit.SECONDS);
	}

}
