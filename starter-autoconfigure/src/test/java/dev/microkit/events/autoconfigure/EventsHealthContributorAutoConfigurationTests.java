package dev.microkit.events.autoconfigure;

import dev.microkit.health.ReadinessGroupMembers;
import dev.microkit.events.listener.EventListenersHealthIndicator;
import dev.microkit.events.outbox.OutboxHealthIndicator;
import dev.microkit.events.autoconfigure.EventsAutoConfiguration;
import dev.microkit.events.autoconfigure.EventsHealthContributorAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class EventsHealthContributorAutoConfigurationTests {

	private static final AutoConfigurations HEALTH_ENDPOINT = AutoConfigurations.of(
			HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
			ApplicationAvailabilityAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
			AvailabilityProbesAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class,
				EventsHealthContributorAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1");

	private final ApplicationContextRunner withOutbox = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withPropertyValues("microkit.events.outbox.enabled=true");

	@Test
	void reportsTheHealthOfTheEventListeners() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(EventListenersHealthIndicator.class)
			.hasBean("eventListenersHealthIndicator"));
	}

	@Test
	void reportsNoEventListenersWhenTheirHealthCheckIsOff() {
		this.contextRunner.withPropertyValues("management.health.eventlisteners.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventListenersHealthIndicator.class)
				.doesNotHaveBean(ReadinessGroupMembers.class));
	}

	@Test
	void backsOffFromAnEventListenersIndicatorOfTheApplication() {
		this.contextRunner.withUserConfiguration(OwnIndicatorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(EventListenersHealthIndicator.class)
				.getBean("eventListenersHealthIndicator")
				.isSameAs(context.getBean(OwnIndicatorConfiguration.class).indicator));
	}

	@Test
	void theEventListenersJoinTheReadinessProbeButNotTheLivenessProbe() {
		this.withOutbox.withConfiguration(HEALTH_ENDPOINT)
			.withPropertyValues("management.endpoint.health.probes.enabled=true")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
				assertThat(groups.get("readiness").isMember("eventListeners")).isTrue();
				assertThat(groups.get("readiness").isMember("outbox")).isFalse();
				assertThat(groups.get("liveness").isMember("eventListeners")).isFalse();
			});
	}

	@Test
	void theEventListenersJoinAReadinessGroupTheApplicationConfigured() {
		this.contextRunner.withConfiguration(HEALTH_ENDPOINT)
			.withPropertyValues("management.endpoint.health.group.readiness.include=ping")
			.run((context) -> {
				HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
				assertThat(readiness.isMember("ping")).isTrue();
				assertThat(readiness.isMember("eventListeners")).isTrue();
			});
	}

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
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OutboxHealthIndicator.class)
				.doesNotHaveBean(EventListenersHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnIndicatorConfiguration {

		final HealthIndicator indicator = () -> Health.up().build();

		@Bean
		HealthIndicator outboxHealthIndicator() {
			return this.indicator;
		}

		@Bean
		HealthIndicator eventListenersHealthIndicator() {
			return this.indicator;
		}

	}

}
