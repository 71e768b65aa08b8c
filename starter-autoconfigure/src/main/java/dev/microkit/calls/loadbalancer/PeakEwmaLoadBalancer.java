package dev.microkit.calls.loadbalancer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import dev.microkit.calls.instances.InstanceLoad;
import dev.microkit.calls.instances.ServiceLoads;

/**
 * Latency-aware balancing as in Finagle and Linkerd: of two random instances, the one
 * with the lower peak-EWMA latency times (requests in flight + 1).
 */
public class PeakEwmaLoadBalancer extends PowerOfTwoChoicesLoadBalancer {

	public PeakEwmaLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, ServiceLoads loads) {
		super(suppliers, loads);
	}

	@Override
	protected double cost(InstanceLoad load, long nowNanos) {
		return load.cost(nowNanos);
	}

}
