package dev.microkit.calls.loadbalancer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instances;
import static dev.microkit.calls.loadbalancer.BalancerTestSupport.loads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microkit.calls.instances.InstanceKeys;
import dev.microkit.calls.instances.ServiceLoads;

class PeakEwmaLoadBalancerTests {

	private static final long MS = 1_000_000L;

	private final ServiceLoads loads = loads();

	private final PeakEwmaLoadBalancer balancer = new PeakEwmaLoadBalancer(null, this.loads);

	@Test
	void prefersTheFasterInstance() {
		List<ServiceInstance> instances = instances(3);
		answer(instances.get(0), 2);
		answer(instances.get(1), 2);
		answer(instances.get(2), 20);
		Map<ServiceInstance, Integer> picks = pick(instances, 3000);
		assertThat(picks.getOrDefault(instances.get(2), 0)).isZero();
		assertThat(picks.get(instances.get(0))).isGreaterThan(500);
		assertThat(picks.get(instances.get(1))).isGreaterThan(500);
	}

	@Test
	void weighsRequestsInFlight() {
		List<ServiceInstance> instances = instances(2);
		answer(instances.get(0), 2);
		answer(instances.get(1), 5);
		for (int i = 0; i < 5; i++) {
			this.loads.started(InstanceKeys.of(instances.get(0)));
		}
		// 2 ms x 6 in flight costs more than 5 ms x 1
		assertThat(pick(instances, 100).getOrDefault(instances.get(0), 0)).isZero();
	}

	@Test
	void probesANewInstanceWithoutFloodingIt() {
		List<ServiceInstance> instances = instances(3);
		answer(instances.get(0), 20);
		answer(instances.get(1), 50);
		// the third is new: assumed at the 30 ms default, cheaper than 50 ms, dearer than
		// 20 ms
		Map<ServiceInstance, Integer> picks = pick(instances, 3000);
		assertThat(picks.get(instances.get(2))).isBetween(700, 1300);
		assertThat(picks.get(instances.get(0))).isGreaterThan(picks.get(instances.get(2)));
	}

	@Test
	void anInstanceThatFailsFastDoesNotLookFast() {
		List<ServiceInstance> instances = instances(2);
		answer(instances.get(0), 5);
		this.loads.started(InstanceKeys.of(instances.get(1)));
		this.loads.completed(InstanceKeys.of(instances.get(1)), 100_000, dev.microkit.calls.FailureKind.CONNECT);
		assertThat(pick(instances, 100).getOrDefault(instances.get(1), 0)).isZero();
	}

	private void answer(ServiceInstance instance, long millis) {
		String key = InstanceKeys.of(instance);
		this.loads.started(key);
		this.loads.completed(key, millis * MS, null);
	}

	private Map<ServiceInstance, Integer> pick(List<ServiceInstance> instances, int times) {
		Map<ServiceInstance, Integer> picks = new HashMap<>();
		for (int i = 0; i < times; i++) {
			picks.merge(this.balancer.pick(instances, null), 1, Integer::sum);
		}
		return picks;
	}

}
