package dev.microkit.calls.autoconfigure;

import java.util.Map;
import java.util.TreeMap;

import dev.microkit.calls.instances.InstanceLoad;
import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.instances.ServiceLoads;
import dev.microkit.calls.resilience.ClientCallPolicies;
import dev.microkit.calls.resilience.ClientCallPolicy;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/calls}: per client, its balancer and circuit-breaker state, and per
 * instance what the calls have shown about it.
 */
@Endpoint(id = "calls")
public class CallsEndpoint {

	private static final double NANOS_PER_MILLI = 1e6;

	private final InstanceLoadRegistry loads;

	private final ClientCallPolicies policies;

	public CallsEndpoint(InstanceLoadRegistry loads, ClientCallPolicies policies) {
		this.loads = loads;
		this.policies = policies;
	}

	@ReadOperation
	public CallsDescriptor calls() {
		Map<String, ClientDescriptor> clients = new TreeMap<>();
		this.policies.all().forEach((id, policy) -> clients.put(id, describe(id, policy)));
		this.loads.all().forEach((id, service) -> clients.putIfAbsent(id, describe(id, null)));
		return new CallsDescriptor(clients);
	}

	private ClientDescriptor describe(String serviceId, ClientCallPolicy policy) {
		ServiceLoads service = this.loads.forService(serviceId);
		long now = System.nanoTime();
		Map<String, InstanceDescriptor> instances = new TreeMap<>();
		service.all().forEach((key, load) -> instances.put(key, describe(load, now)));
		String circuitBreaker = (policy != null) ? policy.circuitBreaker().getState().name() : null;
		return new ClientDescriptor(service.settings().getLoadBalancer().configName(), circuitBreaker, instances);
	}

	private static InstanceDescriptor describe(InstanceLoad load, long now) {
		return new InstanceDescriptor(load.inFlight(), load.requests(), millis(load.meanNanos()),
				millis(load.windowMeanNanos()), millis(load.ewmaNanos(now)), millis(load.peakEwmaNanos(now)),
				load.successRate(), load.ejection().isEjected(now), (long) millis(load.ejection().remainingNanos(now)),
				load.ejection().ejections(), load.ejection().onProbation());
	}

	private static double millis(double nanos) {
		return Math.round(nanos / NANOS_PER_MILLI * 1000) / 1000.0;
	}

	/**
	 * Every client that has made or prepared calls.
	 */
	public record CallsDescriptor(Map<String, ClientDescriptor> clients) {
	}

	/**
	 * One client.
	 */
	public record ClientDescriptor(String loadBalancer, String circuitBreaker,
			Map<String, InstanceDescriptor> instances) {
	}

	/**
	 * One instance of a client, latencies in milliseconds.
	 */
	public record InstanceDescriptor(int inFlight, long requests, double meanLatencyMs, double windowMeanLatencyMs,
			double ewmaLatencyMs, double peakEwmaLatencyMs, double successRate, boolean ejected,
			long ejectionRemainingMs, int ejections, boolean probation) {
	}

}
