package dev.microkit.events.kafka;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.events.EventsTestApplication;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

import static org.awaitility.Awaitility.await;

/**
 * The events' producer is connected to the broker when the application has started, not
 * on its first send.
 */
class KafkaProducerWarmUpTests {

	@Test
	void theProducerIsConnectedBeforeAnyEventIsSent() {
		try (ConfigurableApplicationContext context = EventsTestApplication
			.run(InProcessKafkaBroker.shared().bootstrapServers())) {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> meters.find("kafka.producer.connection.count")
					.gauges()
					.stream()
					.mapToDouble(Gauge::value)
					.sum() >= 1);
		}
	}

}
