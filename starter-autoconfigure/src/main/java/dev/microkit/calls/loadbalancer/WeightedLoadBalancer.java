package dev.microkit.calls.loadbalancer;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Picks instances at random in proportion to their {@code weight} metadata. A newly seen
 * instance starts at a tenth of its weight and ramps up linearly over the warm-up time,
 * so that a cold JVM is not handed its full share at once.
 */
public class WeightedLoadBalancer extends InstancePickingLoadBalancer {

	/**
	 * Share of its weight a brand-new instance gets.
	 */
	static final double INITIAL_WARM_UP_SHARE = 0.1;

	private final ServiceLoads loads;

	private final InstanceWeights weights;

	private final long warmUpNanos;

	public WeightedLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, ServiceLoads loads,
			InstanceWeights weights) {
		super(suppliers);
		this.loads = loads;
		this.weights = weights;
		this.warmUpNanos = loads.settings().getWeighted().getWarmUp().toNanos();
	}

	@Override
	protected ServiceInstance pick(List<ServiceInstance> instances, Request<?> request) {
		int size = instances.size();
		if (size == 1) {
			return instances.get(0);
		}
		long now = System.nanoTime();
		double total = 0;
		for (int i = 0; i < size; i++) {
			total += effectiveWeight(instances.get(i), now);
		}
		double point = ThreadLocalRandom.current().nextDouble(total);
		for (int i = 0; i < size - 1; i++) {
			point -= effectiveWeight(instances.get(i), now);
			if (point < 0) {
				return instances.get(i);
			}
		}
		return instances.get(size - 1);
	}

	double effectiveWeight(ServiceInstance instance, long nowNanos) {
		double weight = this.weights.of(instance);
		if (this.warmUpNanos <= 0) {
			return weight;
		}
		long age = nowNanos - this.loads.of(instance).firstSeenNanos();
		double share = Math.min(1.0, Math.max(INITIAL_WARM_UP_SHARE, (double) age / this.warmUpNanos));
		return weight * share;
	}

}
