package dev.microkit.events;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class EventsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class,
				EventsHealthContributorAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1");

	private final ApplicationContextRunner withOutbox = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("microkit.events.outbox.enabled=true");

	@Test
	void reportsTheHealthOfTheOutbox() {
		this.withOutbox.run((context) -> assertThat(context).hasSingleBean(OutboxHealthIndicator.class)
			.hasBean("outboxHealthIndicator"));
	}

	@Test
	void reportsNoOutboxWithoutOne() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(OutboxHealthIndicator.class));
	}

	@Test
	void reportsNoOutboxWhenItsHealthCheckIsOff() {
		this.withOutbox.withPropertyValues("management.health.outbox.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OutboxHealthIndicator.class));
	}

	@Test
	void backsOffFromAnOutboxIndicatorOfTheApplication() {
		this.withOutbox.withUserConfiguration(OwnIndicatorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(OutboxHealthIndicator.class)
				.getBean("outboxHealthIndicator")
				.isSameAs(context.getBean(OwnIndicatorConfiguration.class).indicator));
	}

	@Test
	void reportsNothingWithoutTheActuator() {
		this.withOutbox.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OutboxHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnIndicatorConfiguration {

		final HealthIndicator indicator = () -> Health.up().build();

		@Bean
		HealthIndicator outboxHealthIndicator() {
			return this.indicator;
		}

	}

}
