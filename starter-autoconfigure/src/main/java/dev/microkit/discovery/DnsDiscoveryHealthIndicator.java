package dev.microkit.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;

/**
 * Health of DNS discovery. The details give, per service, the instances known, when DNS
 * last answered for its name, and since when and why DNS has failed after that.
 * <p>
 * A service DNS has answered for is UP even while DNS fails now: the client keeps the
 * instances it knew, which most likely still serve, and DOWN on every instance of the
 * application at once would turn a DNS outage into an outage of the application. A name
 * with no address is an answer too: that a called service has no instance is that
 * service's health, not this application's.
 * <p>
 * A service DNS has never answered for cannot be called at all. Discovery is then
 * OUT_OF_SERVICE, and DOWN once DNS has failed for longer than
 * {@code management.health.dnsdiscovery.first-answer-timeout}. Either way the instance is
 * not ready (the indicator is part of the readiness group), so that a rolling update does
 * not replace instances that reach their services with ones that cannot. The timeout
 * tells a DNS server that is still starting, such as one Docker Compose starts with the
 * application, from one the application cannot reach, which is worth an alert; its
 * default of a minute spans six refreshes at the default interval.
 */
public class DnsDiscoveryHealthIndicator implements HealthIndicator {

	private final DnsDiscoveryClient client;

	private final Duration firstAnswerTimeout;

	private final Clock clock;

	public DnsDiscoveryHealthIndicator(DnsDiscoveryClient client, Duration firstAnswerTimeout, Clock clock) {
		this.client = client;
		this.firstAnswerTimeout = firstAnswerTimeout;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Instant now = this.clock.instant();
		Set<Status> statuses = new HashSet<>(Set.of(Status.UP));
		Map<String, Object> services = new LinkedHashMap<>();
		for (String serviceId : this.client.getServices()) {
			ServiceResolution resolution = this.client.resolution(serviceId);
			statuses.add(statusOf(resolution, now));
			services.put(serviceId, details(resolution, this.client.knownInstances(serviceId).size()));
		}
		return Health.status(StatusAggregator.getDefault().getAggregateStatus(statuses)).withDetails(services).build();
	}

	private Status statusOf(ServiceResolution resolution, Instant now) {
		if (resolution.lastAnswer() != null) {
			return Status.UP;
		}
		boolean timedOut = resolution.failingSince() != null
				&& resolution.failingSince().plus(this.firstAnswerTimeout).isBefore(now);
		return timedOut ? Status.DOWN : Status.OUT_OF_SERVICE;
	}

	private static Map<String, Object> details(ServiceResolution resolution, int instances) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("instances", instances);
		if (resolution.lastAnswer() != null) {
			details.put("lastAnswer", resolution.lastAnswer().toString());
		}
		if (resolution.failingSince() != null) {
			details.put("failingSince", resolution.failingSince().toString());
			details.put("failure", resolution.failure());
		}
		return details;
	}

}
