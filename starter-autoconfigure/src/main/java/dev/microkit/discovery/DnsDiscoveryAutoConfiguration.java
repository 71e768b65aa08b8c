package dev.microkit.discovery;

import java.time.Clock;
import java.util.Map;

import org.xbill.DNS.Lookup;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of DNS discovery: a {@link DiscoveryClient} for the services named
 * in {@code microkit.discovery.dns.services}, which the load balancers use like any
 * other.
 */
@AutoConfiguration(before = SimpleDiscoveryClientAutoConfiguration.class)
@ConditionalOnClass({ Lookup.class, DiscoveryClient.class })
@ConditionalOnBooleanProperty("microkit.discovery.dns.enabled")
@EnableConfigurationProperties(DnsDiscoveryProperties.class)
public class DnsDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DnsDiscoveryClient dnsDiscoveryClient(DnsDiscoveryProperties properties) {
		check(properties);
		return new DnsDiscoveryClient(properties, new DnsResolver(properties.getNameserver(), properties.getTimeout()),
				Clock.systemUTC());
	}

	private static void check(DnsDiscoveryProperties properties) {
		if (properties.getServices().isEmpty()) {
			throw new IllegalStateException(
					"microkit.discovery.dns.enabled is true but microkit.discovery.dns.services "
							+ "names no service; add microkit.discovery.dns.services.<service-id>.port");
		}
		for (Map.Entry<String, DnsDiscoveryProperties.Service> service : properties.getServices().entrySet()) {
			if (service.getValue().getPort() == null) {
				throw new IllegalStateException("microkit.discovery.dns.services." + service.getKey()
						+ ".port is null; it must be the port of the service's instances, 1 to 65535");
			}
		}
	}

}
