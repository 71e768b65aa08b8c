package dev.microkit.calls.loadbalancer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import dev.microkit.calls.instances.InstanceLoad;
import dev.microkit.calls.instances.ServiceLoads;

/**
 * Of two random instances, the one with fewer requests in flight.
 */
public class LeastRequestsLoadBalancer extends PowerOfTwoChoicesLoadBalancer {

	public LeastRequestsLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, ServiceLoads loads) {
		super(suppliers, loads);
	}

	@Override
	protected double cost(InstanceLoad load, long nowNanos) {
		return load.inFlight();
	}

}
