package dev.microkit.discovery;

import java.time.Clock;

import dev.microkit.health.ReadinessGroupMembers;
import org.xbill.DNS.Lookup;

import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the DNS discovery health indicator, which joins the readiness
 * group; it comes after Spring Boot's probes, whose groups it adds to. An application
 * replaces it with a bean of the same name or turns it off with
 * {@code management.health.dnsdiscovery.enabled}.
 */
@AutoConfiguration(after = { DnsDiscoveryAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, Lookup.class, DiscoveryClient.class })
@ConditionalOnBean(DnsDiscoveryClient.class)
@ConditionalOnEnabledHealthIndicator("dnsdiscovery")
@EnableConfigurationProperties(DnsDiscoveryHealthIndicatorProperties.class)
public class DnsDiscoveryHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "dnsDiscoveryHealthIndicator", "dnsDiscoveryHealthContributor" })
	DnsDiscoveryHealthIndicator dnsDiscoveryHealthIndicator(DnsDiscoveryClient client,
			DnsDiscoveryHealthIndicatorProperties properties) {
		return new DnsDiscoveryHealthIndicator(client, properties.getFirstAnswerTimeout(), Clock.systemUTC());
	}

	@Bean
	ReadinessGroupMembers dnsDiscoveryReadinessGroupMembers(Environment environment) {
		return new ReadinessGroupMembers(environment, "dnsDiscovery");
	}

}
