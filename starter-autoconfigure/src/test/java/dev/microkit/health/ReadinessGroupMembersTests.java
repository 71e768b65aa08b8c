package dev.microkit.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReadinessGroupMembers} on the health endpoint groups Spring Boot makes from an
 * application's properties.
 */
class ReadinessGroupMembersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
		.withUserConfiguration(OutboxIndicatorConfiguration.class);

	private final ApplicationContextRunner withReadinessGroup = this.contextRunner
		.withPropertyValues("management.endpoint.health.group.readiness.include=ping");

	@Test
	void addsItsContributorsToTheMembersTheApplicationGaveTheGroup() {
		this.withReadinessGroup.run((context) -> {
			HealthEndpointGroup readiness = postProcessed(context).get("readiness");
			assertThat(readiness.isMember("ping")).isTrue();
			assertThat(readiness.isMember("outbox")).isTrue();
			assertThat(readiness.isMember("diskSpace")).isFalse();
		});
	}

	@Test
	void leavesOutAContributorTheApplicationExcludes() {
		this.withReadinessGroup.withPropertyValues("management.endpoint.health.group.readiness.exclude=outbox")
			.run((context) -> assertThat(postProcessed(context).get("readiness").isMember("outbox")).isFalse());
	}

	@Test
	void changesNothingWithoutAReadinessGroup() {
		this.contextRunner.withPropertyValues("management.endpoint.health.group.custom.include=ping").run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.get("readiness")).isNull();
			assertThat(postProcessed(context)).isSameAs(groups);
		});
	}

	@Test
	void theGroupKeepsEverythingElseTheApplicationGaveIt() {
		this.withReadinessGroup
			.withPropertyValues("management.endpoint.health.group.readiness.additional-path=server:/readyz",
					"management.endpoint.health.group.readiness.show-details=always",
					"management.endpoint.health.group.other.include=ping")
			.run((context) -> {
				HealthEndpointGroups groups = postProcessed(context);
				assertThat(groups.get("readiness").getAdditionalPath())
					.isEqualTo(AdditionalHealthEndpointPath.from("server:/readyz"));
				assertThat(groups.get("readiness").showDetails(null)).isTrue();
				assertThat(groups.getNames()).containsExactlyInAnyOrder("readiness", "other");
				assertThat(groups.get("other").isMember("outbox")).isFalse();
			});
	}

	private static HealthEndpointGroups postProcessed(AssertableApplicationContext context) {
		return new ReadinessGroupMembers(context.getEnvironment(), "outbox")
			.postProcessHealthEndpointGroups(context.getBean(HealthEndpointGroups.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OutboxIndicatorConfiguration {

		@Bean
		HealthIndicator outboxHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}
