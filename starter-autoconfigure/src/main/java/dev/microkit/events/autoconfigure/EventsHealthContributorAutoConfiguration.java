package dev.microkit.events.autoconfigure;

import dev.microkit.health.ReadinessGroupMembers;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.listener.EventListenersHealthIndicator;
import dev.microkit.events.outbox.OutboxRelay;
import dev.microkit.events.outbox.OutboxHealthIndicator;
import dev.microkit.events.outbox.OutboxHealthIndicatorProperties;

import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the health indicators of microkit events, each of which an
 * application replaces with a bean of the same name or turns off with
 * {@code management.health.<name>.enabled}. The listener containers join the readiness
 * group; it comes after Spring Boot's probes, whose groups it adds to.
 */
@AutoConfiguration(after = { EventsAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
public class EventsHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(EventListeners.class)
	@ConditionalOnEnabledHealthIndicator("eventlisteners")
	static class EventListenersHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "eventListenersHealthIndicator", "eventListenersHealthContributor" })
		EventListenersHealthIndicator eventListenersHealthIndicator(EventListeners listeners) {
			return new EventListenersHealthIndicator(listeners);
		}

		@Bean
		ReadinessGroupMembers eventListenersReadinessGroupMembers(Environment environment) {
			return new ReadinessGroupMembers(environment, "eventListeners");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OutboxRelay.class)
	@ConditionalOnEnabledHealthIndicator("outbox")
	@EnableConfigurationProperties(OutboxHealthIndicatorProperties.class)
	static class OutboxHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "outboxHealthIndicator", "outboxHealthContributor" })
		OutboxHealthIndicator outboxHealthIndicator(OutboxRelay relay, OutboxHealthIndicatorProperties properties) {
			return new OutboxHealthIndicator(relay, properties);
		}

	}

}
