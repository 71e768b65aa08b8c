package dev.microkit.discovery;

import java.time.Duration;

import dev.microkit.config.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the DNS discovery health indicator.
 */
@ConfigurationProperties("management.health.dnsdiscovery")
public class DnsDiscoveryHealthIndicatorProperties {

	/**
	 * How long DNS may fail to answer for a service it has never answered for before
	 * discovery is down rather than out of service.
	 */
	private Duration firstAnswerTimeout = Duration.ofMinutes(1);

	public Duration getFirstAnswerTimeout() {
		return this.firstAnswerTimeout;
	}

	public void setFirstAnswerTimeout(Duration firstAnswerTimeout) {
		PropertyChecks.positive(firstAnswerTimeout);
		this.firstAnswerTimeout = firstAnswerTimeout;
	}

}
