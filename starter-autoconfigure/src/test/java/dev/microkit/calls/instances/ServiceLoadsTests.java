package dev.microkit.calls.instances;

import java.util.ArrayList;
import java.util.List;

import dev.microkit.calls.CallsProperties.ClientProperties;
import dev.microkit.calls.instances.InstanceKeys;
import dev.microkit.calls.instances.InstanceLoad;
import dev.microkit.calls.instances.ServiceLoads;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instances;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceLoadsTests {

	private final List<InstanceLoad> retired = new ArrayList<>();

	private final ServiceLoads loads = new ServiceLoads("backend", new ClientProperties(), (load) -> {
	}, (load) -> {
	}, this.retired::add);

	@Test
	void forgetsInstancesMissingFromDiscoveryForTheRetirementTime() {
		List<ServiceInstance> three = instances(3);
		three.forEach(this.loads::of);
		List<ServiceInstance> two = three.subList(0, 2);
		this.loads.sweep(two, 0);
		assertThat(this.loads.all()).hasSize(3);
		this.loads.sweep(two, ServiceLoads.RETIREMENT_NANOS - 1);
		assertThat(this.loads.all()).hasSize(3);
		this.loads.sweep(two, ServiceLoads.RETIREMENT_NANOS);
		assertThat(this.loads.all()).hasSize(2).doesNotContainKey(InstanceKeys.of(three.get(2)));
		assertThat(this.retired).extracting(InstanceLoad::key).containsExactly(InstanceKeys.of(three.get(2)));
	}

	@Test
	void anInstanceThatComesBackInTimeIsKept() {
		List<ServiceInstance> three = instances(3);
		three.forEach(this.loads::of);
		this.loads.sweep(three.subList(0, 2), 0);
		this.loads.sweep(three, 1);
		this.loads.sweep(three.subList(0, 2), ServiceLoads.RETIREMENT_NANOS);
		assertThat(this.loads.all()).hasSize(3);
	}

	@Test
	void keepsAMissingInstanceWhileRequestsAreInFlight() {
		List<ServiceInstance> two = instances(2);
		two.forEach(this.loads::of);
		this.loads.started(InstanceKeys.of(two.get(1)));
		this.loads.sweep(two.subList(0, 1), 0);
		this.loads.sweep(two.subList(0, 1), ServiceLoads.RETIREMENT_NANOS);
		assertThat(this.loads.all()).hasSize(2);
	}

	@Test
	void findsTheLoadOfADiscoveredInstanceAndOfAnEqualCopy() {
		List<ServiceInstance> discovered = instances(2);
		this.loads.discovered(discovered);
		InstanceLoad load = this.loads.of(discovered.get(1));
		assertThat(load.key()).isEqualTo(InstanceKeys.of(discovered.get(1)));
		assertThat(this.loads.of(instances(2).get(1))).isSameAs(load);
		assertThat(this.loads.of(InstanceKeys.of(discovered.get(1)))).isSameAs(load);
	}

	@Test
	void aRetiredInstanceSeenAgainStartsAfresh() {
		List<ServiceInstance> two = instances(2);
		this.loads.discovered(two);
		InstanceLoad retiring = this.loads.of(two.get(1));
		this.loads.sweep(two.subList(0, 1), 0);
		this.loads.sweep(two.subList(0, 1), ServiceLoads.RETIREMENT_NANOS);
		assertThat(this.loads.of(two.get(1))).isNotSameAs(retiring);
	}

}
