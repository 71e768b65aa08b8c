package dev.microkit.calls.loadbalancer;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import dev.microkit.calls.instances.ServiceLoads;

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

	private volatile WeightTable table;

	public WeightedLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, ServiceLoads loads,
			InstanceWeights weights) {
		super(suppliers);
		this.loads = loads;
		this.weights = weights;
		this.warmUpNanos = loads.settings().getWeighted().getWarmUp().toNanos();
	}

	@Override
	protected ServiceInstance pick(List<ServiceInstance> instances, Request<?> request) {
		if (instances.size() == 1) {
			return instances.get(0);
		}
		WeightTable table = tableFor(instances);
		long now = System.nanoTime();
		double random = ThreadLocalRandom.current().nextDouble();
		return (now - table.warmedUpNanos >= 0) ? table.pickWarm(random) : table.pickWarming(random, now);
	}

	private WeightTable tableFor(List<ServiceInstance> instances) {
		WeightTable table = this.table;
		if (table == null || table.instances != instances) {
			table = new WeightTable(instances);
			this.table = table;
		}
		return table;
	}

	private double warmUpShare(long ageNanos) {
		if (this.warmUpNanos <= 0) {
			return 1.0;
		}
		return Math.min(1.0, Math.max(INITIAL_WARM_UP_SHARE, (double) ageNanos / this.warmUpNanos));
	}

	/**
	 * The weights of one discovery list, built once per list: once every instance is warm
	 * a pick is a binary search, not a pass over all instances.
	 */
	private final class WeightTable {

		private final List<ServiceInstance> instances;

		private final double[] weights;

		private final long[] firstSeenNanos;

		private final double[] cumulative;

		private final long warmedUpNanos;

		WeightTable(List<ServiceInstance> instances) {
			int size = instances.size();
			this.instances = instances;
			this.weights = new double[size];
			this.firstSeenNanos = new long[size];
			this.cumulative = new double[size];
			long lastSeen = Long.MIN_VALUE;
			double total = 0;
			for (int i = 0; i < size; i++) {
				this.weights[i] = WeightedLoadBalancer.this.weights.of(instances.get(i));
				this.firstSeenNanos[i] = WeightedLoadBalancer.this.loads.of(instances.get(i)).firstSeenNanos();
				lastSeen = Math.max(lastSeen, this.firstSeenNanos[i]);
				total += this.weights[i];
				this.cumulative[i] = total;
			}
			this.warmedUpNanos = (WeightedLoadBalancer.this.warmUpNanos > 0)
					? lastSeen + WeightedLoadBalancer.this.warmUpNanos : System.nanoTime();
		}

		ServiceInstance pickWarm(double random) {
			double point = random * this.cumulative[this.cumulative.length - 1];
			int index = Arrays.binarySearch(this.cumulative, point);
			index = (index < 0) ? -index - 1 : index + 1;
			return this.instances.get(Math.min(index, this.instances.size() - 1));
		}

		ServiceInstance pickWarming(double random, long nowNanos) {
			int size = this.weights.length;
			double total = 0;
			for (int i = 0; i < size; i++) {
				total += current(i, nowNanos);
			}
			double point = random * total;
			for (int i = 0; i < size - 1; i++) {
				point -= current(i, nowNanos);
				if (point < 0) {
					return this.instances.get(i);
				}
			}
			return this.instances.get(size - 1);
		}

		private double current(int index, long nowNanos) {
			return this.weights[index] * warmUpShare(nowNanos - this.firstSeenNanos[index]);
		}

	}

}
