package dev.microkit.events.kafka;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.listener.EventListenersHealthIndicator;
import dev.microkit.events.KafkaTestSupport;
import dev.microkit.events.EventsTestApplication;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

/**
 * {@link EventListenersHealthIndicator} on the listener containers of an application with
 * {@link RecordingHandlers}, connected to the embedded broker: one container for the
 * competing handlers of the topic, one for the broadcast handler.
 */
class EventListenersHealthIndicatorTests {

	private ConfigurableApplicationContext context;

	private EventListenersHealthIndicator indicator;

	@BeforeEach
	void start() {
		this.context = EventsTestApplication.run(InProcessKafkaBroker.shared().bootstrapServers(),
				"microkit.events.routes.order=" + KafkaTestSupport.uniqueTopic("listened"));
		this.indicator = this.context.getBean(EventListenersHealthIndicator.class);
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void listenersAreUpWhileEveryContainerRuns() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).hasSize(2).containsValues("running", "running");
	}

	@Test
	void listenersAreDownOnceAConsumerHasStopped() {
		this.context.getBean(KafkaEventListeners.class)
			.containers()
			.get(0)
			.getContainers()
			.get(0)
			.stopAbnormally(() -> {
			});
		await().atMost(Duration.ofSeconds(30)).until(() -> this.indicator.health().getStatus().equals(Status.DOWN));
		assertThat(this.indicator.health().getDetails()).containsValues("running", "stopped");
	}

	@Test
	void listenersStoppedWithTheApplicationAreOutOfService() {
		this.context.close();
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

}
