package dev.microkit.calls.loadbalancer;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import dev.microkit.calls.instances.InstanceLoad;
import dev.microkit.calls.instances.ServiceLoads;

/**
 * The power of two choices (Mitzenmacher): draw two distinct instances at random and take
 * the cheaper. It keeps the load nearly as even as comparing every instance, at the cost
 * of two lookups, and never herds all callers onto the one instance that looks best.
 */
public abstract class PowerOfTwoChoicesLoadBalancer extends InstancePickingLoadBalancer {

	private final ServiceLoads loads;

	protected PowerOfTwoChoicesLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, ServiceLoads loads) {
		super(suppliers);
		this.loads = loads;
	}

	@Override
	protected ServiceInstance pick(List<ServiceInstance> instances, Request<?> request) {
		int size = instances.size();
		if (size == 1) {
			return instances.get(0);
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int first = random.nextInt(size);
		int second = random.nextInt(size - 1);
		if (second >= first) {
			second++;
		}
		ServiceInstance a = instances.get(first);
		ServiceInstance b = instances.get(second);
		long now = System.nanoTime();
		return (cost(this.loads.of(a), now) <= cost(this.loads.of(b), now)) ? a : b;
	}

	/**
	 * The cost of sending one more request to an instance; lower is better.
	 * @param load the instance's load
	 * @param nowNanos the time of the pick
	 * @return the cost
	 */
	protected abstract double cost(InstanceLoad load, long nowNanos);

}
