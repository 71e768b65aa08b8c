package dev.microkit.calls.loadbalancer;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instances;
import static dev.microkit.calls.loadbalancer.BalancerTestSupport.loads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microkit.calls.instances.InstanceKeys;
import dev.microkit.calls.instances.ServiceLoads;

class LeastRequestsLoadBalancerTests {

	private final ServiceLoads loads = loads();

	private final LeastRequestsLoadBalancer balancer = new LeastRequestsLoadBalancer(null, this.loads);

	@Test
	void neverPicksTheBusiestOfTwo() {
		List<ServiceInstance> instances = instances(2);
		this.loads.started(InstanceKeys.of(instances.get(1)));
		for (int i = 0; i < 100; i++) {
			assertThat(this.balancer.pick(instances, null)).isSameAs(instances.get(0));
		}
	}

	@Test
	void keepsInFlightRequestsEvenWhenRequestsNeverComplete() {
		List<ServiceInstance> instances = instances(5);
		for (int i = 0; i < 1000; i++) {
			this.loads.started(InstanceKeys.of(this.balancer.pick(instances, null)));
		}
		assertThat(instances)
			.allSatisfy((instance) -> assertThat(this.loads.of(instance).inFlight()).isBetween(190, 210));
	}

}
