package dev.microkit.events;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application whose Kafka does not answer when it starts: it starts all the same, says
 * why its listeners wait and is not ready; once the broker answers on that address, the
 * listeners start and handle what is published.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventsWithoutBrokerAtStartupTests {

	@Test
	void startsNotReadyAndStartsItsListenersOnceKafkaAnswers(CapturedOutput output) throws Exception {
		String topic = KafkaTestSupport.uniqueTopic("late-broker");
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, topic);
		broker.brokerListProperty(null);
		broker.afterPropertiesSet();
		String[] address = broker.getBrokersAsString().split(":");
		try (CuttableTcpProxy proxy = new CuttableTcpProxy(
				new InetSocketAddress(address[0], Integer.parseInt(address[1])))) {
			proxy.cut();
			long started = System.nanoTime();
			try (ConfigurableApplicationContext context = EventsTestApplication.run("localhost:" + proxy.port(),
					"microkit.events.routes.order=" + topic, "microkit.events.idempotency.store=memory")) {
				System.out.printf("started without a reachable broker in %.1f s%n",
						(System.nanoTime() - started) / 1e9);
				HealthIndicator listeners = context.getBean("eventListenersHealthIndicator", HealthIndicator.class);
				Health waiting = listeners.health();
				assertThat(waiting.getStatus()).isEqualTo(Status.DOWN);
				assertThat(waiting.getDetails().get("kafka")).asString()
					.contains("Kafka at localhost:" + proxy.port() + " did not answer within 10 s");
				assertThat(output).contains("The event listeners start once it answers");

				proxy.restore();
				await().atMost(Duration.ofSeconds(90)).until(() -> listeners.health().getStatus().equals(Status.UP));
				RecordingHandlers handlers = context.getBean(RecordingHandlers.class);
				context.getBean(EventPublisher.class)
					.publish("order.placed", "o-1", new OrderPlaced("o-1", "sku-1", 1, 1))
					.get(30, TimeUnit.SECONDS);
				await().atMost(Duration.ofSeconds(30)).until(() -> !handlers.placed.isEmpty());
				assertThat(handlers.placed).containsExactly(new OrderPlaced("o-1", "sku-1", 1, 1));
			}
		}
		finally {
			broker.destroy();
		}
	}

}
