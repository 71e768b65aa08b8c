package dev.microkit.calls;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.microkit.config.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of microkit calls: settings for every client under {@code defaults},
 * overridden per service id under {@code clients.<service-id>}.
 */
@ConfigurationProperties("microkit.calls")
public class CallsProperties {

	/**
	 * Whether microkit load-balances and decorates every Feign client.
	 */
	private boolean enabled = true;

	/**
	 * Settings for every client; a client's own entry overrides them key by key.
	 */
	private final ClientProperties defaults = new ClientProperties();

	/**
	 * Settings per service id.
	 */
	private final Map<String, ClientProperties> clients = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public ClientProperties getDefaults() {
		return this.defaults;
	}

	public Map<String, ClientProperties> getClients() {
		return this.clients;
	}

	/**
	 * Settings of one client.
	 */
	public static class ClientProperties {

		/**
		 * Balancer that picks the instance for each attempt.
		 */
		private LoadBalancerType loadBalancer = LoadBalancerType.PEAK_EWMA;

		/**
		 * Deadline of a whole call, retries included; per-attempt connect and read
		 * timeouts are derived from it unless set for the Feign client.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		private final PeakEwma peakEwma = new PeakEwma();

		private final Weighted weighted = new Weighted();

		private final ConsistentHash consistentHash = new ConsistentHash();

		private final Ejection ejection = new Ejection();

		private final RetryBudget retryBudget = new RetryBudget();

		private final Grpc grpc = new Grpc();

		private final OAuth2 oauth2 = new OAuth2();

		public LoadBalancerType getLoadBalancer() {
			return this.loadBalancer;
		}

		public void setLoadBalancer(LoadBalancerType loadBalancer) {
			this.loadBalancer = loadBalancer;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			PropertyChecks.positive(timeout);
			this.timeout = timeout;
		}

		public PeakEwma getPeakEwma() {
			return this.peakEwma;
		}

		public Weighted getWeighted() {
			return this.weighted;
		}

		public ConsistentHash getConsistentHash() {
			return this.consistentHash;
		}

		public Ejection getEjection() {
			return this.ejection;
		}

		public RetryBudget getRetryBudget() {
			return this.retryBudget;
		}

		public Grpc getGrpc() {
			return this.grpc;
		}

		public OAuth2 getOauth2() {
			return this.oauth2;
		}

	}

	/**
	 * Access tokens of the client's calls (with Spring Security's OAuth2 client).
	 */
	public static class OAuth2 {

		/**
		 * Spring Security client registration whose client-credentials token calls carry
		 * ({@code spring.security.oauth2.client.registration.<id>}); when not set, the
		 * registration with the service's id, if there is one, else no token.
		 */
		private String registrationId;

		/**
		 * Connect and read timeout of requests to the token endpoint.
		 */
		private Duration tokenTimeout = Duration.ofSeconds(5);

		public String getRegistrationId() {
			return this.registrationId;
		}

		public void setRegistrationId(String registrationId) {
			this.registrationId = registrationId;
		}

		public Duration getTokenTimeout() {
			return this.tokenTimeout;
		}

		public void setTokenTimeout(Duration tokenTimeout) {
			PropertyChecks.positive(tokenTimeout);
			this.tokenTimeout = tokenTimeout;
		}

	}

	/**
	 * gRPC clients of the service.
	 */
	public static class Grpc {

		/**
		 * gRPC port of the service's instances that do not name one in their discovery
		 * metadata ({@code grpc-port}, or {@code gRPC_port} as grpc-spring-boot-starter
		 * registers it).
		 */
		private Integer port;

		/**
		 * Methods safe to repeat beside those the proto marks with
		 * {@code idempotency_level}, by full name, such as
		 * {@code my.package.v1.MyService/MyMethod}.
		 */
		private Set<String> idempotentMethods = new LinkedHashSet<>();

		public Integer getPort() {
			return this.port;
		}

		public void setPort(Integer port) {
			if (port != null) {
				PropertyChecks.between(port, 1, 65535);
			}
			this.port = port;
		}

		public Set<String> getIdempotentMethods() {
			return this.idempotentMethods;
		}

		public void setIdempotentMethods(Set<String> idempotentMethods) {
			this.idempotentMethods = idempotentMethods;
		}

	}

	/**
	 * Latency-aware balancing.
	 */
	public static class PeakEwma {

		/**
		 * How fast the latency estimate forgets: an observation's weight falls to 1/e
		 * after this time. It is also about how long one slow answer keeps an instance
		 * out, and how soon a shunned instance is probed again; probes that find the
		 * instance still slow back off to up to 8 times this.
		 */
		private Duration decayTime = Duration.ofSeconds(2);

		/**
		 * Latency assumed for an instance that has not answered yet, so that it is probed
		 * rather than flooded.
		 */
		private Duration defaultLatency = Duration.ofMillis(30);

		public Duration getDecayTime() {
			return this.decayTime;
		}

		public void setDecayTime(Duration decayTime) {
			PropertyChecks.positive(decayTime);
			this.decayTime = decayTime;
		}

		public Duration getDefaultLatency() {
			return this.defaultLatency;
		}

		public void setDefaultLatency(Duration defaultLatency) {
			PropertyChecks.positive(defaultLatency);
			this.defaultLatency = defaultLatency;
		}

	}

	/**
	 * Weighted balancing by the instance metadata {@code weight}.
	 */
	public static class Weighted {

		/**
		 * Time over which a newly seen instance's share ramps up from a tenth of its
		 * weight to all of it; 0 turns the ramp off.
		 */
		private Duration warmUp = Duration.ofSeconds(30);

		public Duration getWarmUp() {
			return this.warmUp;
		}

		public void setWarmUp(Duration warmUp) {
			PropertyChecks.notNegative(warmUp);
			this.warmUp = warmUp;
		}

	}

	/**
	 * Consistent-hash balancing.
	 */
	public static class ConsistentHash {

		/**
		 * Request header whose value is the hash key; requests without it are balanced by
		 * peak-EWMA.
		 */
		private String header = "X-Hash-Key";

		/**
		 * Points per instance on the hash ring; more points spread keys more evenly.
		 */
		private int virtualNodes = 160;

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public int getVirtualNodes() {
			return this.virtualNodes;
		}

		public void setVirtualNodes(int virtualNodes) {
			PropertyChecks.atLeast(virtualNodes, 1);
			this.virtualNodes = virtualNodes;
		}

	}

	/**
	 * Passive outlier ejection.
	 */
	public static class Ejection {

		/**
		 * Whether instances that keep failing are taken out of rotation.
		 */
		private boolean enabled = true;

		/**
		 * Consecutive failed attempts after which an instance is ejected.
		 */
		private int consecutiveFailures = 5;

		/**
		 * Ejection time of a first ejection; it doubles with each repeat ejection.
		 */
		private Duration baseTime = Duration.ofSeconds(30);

		/**
		 * Longest ejection time.
		 */
		private Duration maxTime = Duration.ofMinutes(5);

		/**
		 * Largest share of a client's instances, in percent, that may be ejected at once;
		 * one instance of two or more may always be ejected.
		 */
		private int maxPercent = 50;

		/**
		 * Kinds of failure that count toward ejection.
		 */
		private Set<FailureKind> failures = EnumSet.allOf(FailureKind.class);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getConsecutiveFailures() {
			return this.consecutiveFailures;
		}

		public void setConsecutiveFailures(int consecutiveFailures) {
			PropertyChecks.atLeast(consecutiveFailures, 1);
			this.consecutiveFailures = consecutiveFailures;
		}

		public Duration getBaseTime() {
			return this.baseTime;
		}

		public void setBaseTime(Duration baseTime) {
			PropertyChecks.positive(baseTime);
			this.baseTime = baseTime;
		}

		public Duration getMaxTime() {
			return this.maxTime;
		}

		public void setMaxTime(Duration maxTime) {
			PropertyChecks.positive(maxTime);
			this.maxTime = maxTime;
		}

		public int getMaxPercent() {
			return this.maxPercent;
		}

		public void setMaxPercent(int maxPercent) {
			PropertyChecks.between(maxPercent, 0, 100);
			this.maxPercent = maxPercent;
		}

		public Set<FailureKind> getFailures() {
			return this.failures;
		}

		public void setFailures(Set<FailureKind> failures) {
			this.failures = failures;
		}

	}

	/**
	 * Retry budget: retries allowed as a share of recent requests plus a floor.
	 */
	public static class RetryBudget {

		/**
		 * Retries allowed, in percent of the requests within the ttl.
		 */
		private int percent = 20;

		/**
		 * Retries allowed per second regardless of traffic.
		 */
		private int minRetriesPerSecond = 10;

		/**
		 * Window over which requests and retries are counted.
		 */
		private Duration ttl = Duration.ofSeconds(10);

		public int getPercent() {
			return this.percent;
		}

		public void setPercent(int percent) {
			PropertyChecks.between(percent, 0, 1000);
			this.percent = percent;
		}

		public int getMinRetriesPerSecond() {
			return this.minRetriesPerSecond;
		}

		public void setMinRetriesPerSecond(int minRetriesPerSecond) {
			PropertyChecks.atLeast(minRetriesPerSecond, 0);
			this.minRetriesPerSecond = minRetriesPerSecond;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			PropertyChecks.positive(ttl);
			this.ttl = ttl;
		}

	}

}
