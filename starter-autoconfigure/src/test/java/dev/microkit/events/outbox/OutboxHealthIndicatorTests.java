package dev.microkit.events.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microkit.events.outbox.OutboxHealthIndicator;
import dev.microkit.events.autoconfigure.EventsAutoConfiguration;
import dev.microkit.events.autoconfigure.EventsHealthContributorAutoConfiguration;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.KafkaTestSupport;
import dev.microkit.events.OrderPlaced;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

/**
 * {@link OutboxHealthIndicator} with a real relay on H2, sending to a broker that is not
 * there unless a test says otherwise.
 */
class OutboxHealthIndicatorTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class,
				EventsHealthContributorAutoConfiguration.class, KafkaAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "microkit.events.outbox.enabled=true",
				"microkit.events.outbox.send-timeout=500ms", "microkit.events.outbox.max-backoff=200ms",
				"microkit.events.routes.order=" + KafkaTestSupport.uniqueTopic("outbox-health"));

	@Test
	void anEmptyOutboxIsUp() {
		this.contextRunner.run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("backlog", 0L)
				.containsEntry("oldestAge", "PT0S")
				.containsEntry("parked", 0L);
		});
	}

	@Test
	void aBacklogWithinTheLimitsIsUpWhileKafkaIsAway() {
		this.contextRunner.run((context) -> {
			publish(context, 2);
			await().atMost(WAIT).until(() -> health(context).getDetails().get("backlog").equals(2L));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void anEventOlderThanTheLimitMakesTheOutboxDown() {
		this.contextRunner.withPropertyValues("management.health.outbox.max-oldest-age=100ms").run((context) -> {
			publish(context, 1);
			await().atMost(WAIT).until(() -> health(context).getStatus().equals(Status.DOWN));
			assertThat(health(context).getDetails()).containsEntry("backlog", 1L);
		});
	}

	@Test
	void aBacklogLongerThanTheLimitMakesTheOutboxDown() {
		this.contextRunner.withPropertyValues("management.health.outbox.max-backlog=1").run((context) -> {
			publish(context, 2);
			await().atMost(WAIT).until(() -> health(context).getStatus().equals(Status.DOWN));
			assertThat(health(context).getDetails()).containsEntry("backlog", 2L);
		});
	}

	@Test
	void parkedEventsBeyondTheLimitMakeTheOutboxDown() {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=" + InProcessKafkaBroker.shared().bootstrapServers(),
					"microkit.events.outbox.send-timeout=30s", "management.health.outbox.max-parked=0")
			.run((context) -> {
				inTransaction(context, () -> context.getBean(EventPublisher.class)
					.publish("order.placed", "o-big", new OrderPlaced("o-big", "x".repeat(2 * 1024 * 1024), 1, 1)));
				await().atMost(WAIT).until(() -> health(context).getStatus().equals(Status.DOWN));
				assertThat(health(context).getDetails()).containsEntry("parked", 1L).containsEntry("backlog", 0L);
			});
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean(OutboxHealthIndicator.class).health();
	}

	private static void publish(AssertableApplicationContext context, int events) {
		inTransaction(context, () -> {
			for (int i = 0; i < events; i++) {
				context.getBean(EventPublisher.class)
					.publish("order.placed", "o-" + i, new OrderPlaced("o-" + i, "s", 1, i));
			}
		});
	}

	private static void inTransaction(AssertableApplicationContext context, Runnable work) {
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
			.executeWithoutResult((status) -> work.run());
	}

}
