package dev.microkit.discovery;

import dev.microkit.health.ReadinessGroupMembers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DnsDiscoveryHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DnsDiscoveryAutoConfiguration.class,
				DnsDiscoveryHealthContributorAutoConfiguration.class))
		.withPropertyValues("microkit.discovery.dns.enabled=true",
				"microkit.discovery.dns.services.inventory-service.port=8081",
				"microkit.discovery.dns.nameserver=127.0.0.1:1", "microkit.discovery.dns.timeout=50ms");

	@Test
	void reportsTheHealthOfDnsDiscovery() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DnsDiscoveryHealthIndicator.class)
			.hasBean("dnsDiscoveryHealthIndicator"));
	}

	@Test
	void reportsNothingWithoutDnsDiscovery() {
		this.contextRunner.withPropertyValues("microkit.discovery.dns.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DnsDiscoveryHealthIndicator.class));
	}

	@Test
	void reportsNothingWhenItsHealthCheckIsOff() {
		this.contextRunner.withPropertyValues("management.health.dnsdiscovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DnsDiscoveryHealthIndicator.class)
				.doesNotHaveBean(ReadinessGroupMembers.class));
	}

	@Test
	void backsOffFromAnIndicatorOfTheApplication() {
		this.contextRunner.withUserConfiguration(OwnIndicatorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(DnsDiscoveryHealthIndicator.class)
				.getBean("dnsDiscoveryHealthIndicator")
				.isSameAs(context.getBean(OwnIndicatorConfiguration.class).indicator));
	}

	@Test
	void reportsNothingWithoutTheActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DnsDiscoveryHealthIndicator.class));
	}

	@Test
	void joinsTheReadinessProbeButNotTheLivenessProbe() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
					AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class))
			.withPropertyValues("management.endpoint.health.probes.enabled=true")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
				assertThat(groups.get("readiness").isMember("dnsDiscovery")).isTrue();
				assertThat(groups.get("liveness").isMember("dnsDiscovery")).isFalse();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnIndicatorConfiguration {

		final HealthIndicator indicator = () -> Health.up().build();

		@Bean
		HealthIndicator dnsDiscoveryHealthIndicator() {
			return this.indicator;
		}

	}

}
