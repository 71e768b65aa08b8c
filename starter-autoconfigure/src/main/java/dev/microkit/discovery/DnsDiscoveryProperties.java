package dev.microkit.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.microkit.config.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of DNS discovery.
 */
@ConfigurationProperties("microkit.discovery.dns")
public class DnsDiscoveryProperties {

	/**
	 * Whether service instances are discovered from DNS names.
	 */
	private boolean enabled;

	/**
	 * How often every name is resolved again.
	 */
	private Duration refreshInterval = Duration.ofSeconds(10);

	/**
	 * Longest wait for a DNS answer.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * DNS server to ask, as host or host:port; the system's resolvers when not set.
	 */
	private String nameserver;

	/**
	 * Services found by DNS, by service id.
	 */
	private Map<String, Service> services = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		PropertyChecks.positive(refreshInterval);
		this.refreshInterval = refreshInterval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		PropertyChecks.positive(timeout);
		this.timeout = timeout;
	}

	public String getNameserver() {
		return this.nameserver;
	}

	public void setNameserver(String nameserver) {
		this.nameserver = nameserver;
	}

	public Map<String, Service> getServices() {
		return this.services;
	}

	public void setServices(Map<String, Service> services) {
		this.services = services;
	}

	/**
	 * One service found by DNS.
	 */
	public static class Service {

		/**
		 * DNS name whose addresses are the service's instances; the service id when not
		 * set. Relative names use the system's search domains, as a Kubernetes headless
		 * Service name does.
		 */
		private String host;

		/**
		 * Port of every instance.
		 */
		private Integer port;

		/**
		 * Whether the instances are called over HTTPS.
		 */
		private boolean secure;

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public Integer getPort() {
			return this.port;
		}

		public void setPort(Integer port) {
			if (port != null) {
				PropertyChecks.between(port, 1, 65535);
			}
			this.port = port;
		}

		public boolean isSecure() {
			return this.secure;
		}

		public void setSecure(boolean secure) {
			this.secure = secure;
		}

	}

}
