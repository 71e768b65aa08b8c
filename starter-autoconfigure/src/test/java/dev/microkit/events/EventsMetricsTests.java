package dev.microkit.events;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventsMetricsTests {

	@Test
	void countsPublishedConsumedRetriedAndDeadLetteredEventsPerType() {
		String topic = KafkaTestSupport.uniqueTopic("metered");
		try (ConfigurableApplicationContext context = EventsTestApplication.run(
				InProcessKafkaBroker.shared().bootstrapServers(), "microkit.events.routes.order=" + topic,
				"microkit.events.idempotency.store=memory")) {
			EventPublisher publisher = context.getBean(EventPublisher.class);
			publisher.publish("order.placed", "o-1", new OrderPlaced("o-1", "s", 1, 1)).join();
			publisher.publish("order.broken", "o-2", new OrderPlaced("o-2", "s", 1, 1)).join();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> meters.find("microkit.events.dead.lettered")
					.tag("type", "order.broken")
					.counter() != null);
			assertThat(meters.get("microkit.events.published")
				.tags("type", "order.placed", "outcome", "success")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("microkit.events.consumed")
				.tags("type", "order.placed", "group", "events-test")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("microkit.events.handling")
				.tags("type", "order.placed", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("microkit.events.failed").tag("type", "order.broken").counter().count()).isEqualTo(4);
			assertThat(meters.get("microkit.events.retried").tag("type", "order.broken").counter().count())
				.isEqualTo(3);
			assertThat(meters.get("microkit.events.dead.lettered").tag("type", "order.broken").counter().count())
				.isEqualTo(1);
			assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").meters()).isNotEmpty();
		}
	}

}
