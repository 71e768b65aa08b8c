package dev.microkit.calls.loadbalancer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

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
