package dev.microkit.calls.loadbalancer;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instances;
import static dev.microkit.calls.loadbalancer.BalancerTestSupport.loads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microkit.calls.instances.InstanceKeys;
import dev.microkit.calls.instances.ServiceLoads;

class ConsistentHashLoadBalancerTests {

	private static final int KEYS = 10_000;

	private final ServiceLoads loads = loads();

	private final ConsistentHashLoadBalancer balancer = new ConsistentHashLoadBalancer(null, this.loads);

	@Test
	void sameKeyGoesToSameInstance() {
		List<ServiceInstance> instances = instances(5);
		ServiceInstance first = this.balancer.pick(instances, request("customer-42"));
		for (int i = 0; i < 100; i++) {
			assertThat(this.balancer.pick(instances, request("customer-42"))).isSameAs(first);
		}
	}

	@Test
	void whenOneOfTenLeavesOnlyItsKeysMove() {
		List<ServiceInstance> ten = instances(10);
		Map<String, ServiceInstance> before = owners(ten);
		List<ServiceInstance> nine = new ArrayList<>(ten);
		ServiceInstance leaving = nine.remove(3);
		Map<String, ServiceInstance> after = owners(nine);
		long moved = before.keySet().stream().filter((key) -> before.get(key) != after.get(key)).count();
		long owned = before.values().stream().filter((owner) -> owner == leaving).count();
		assertThat(moved).isEqualTo(owned);
		assertThat(moved / (double) KEYS).isLessThanOrEqualTo(0.10 + 0.05);
	}

	@Test
	void whenOneJoinsAboutOneEleventhOfKeysMove() {
		List<ServiceInstance> eleven = instances(11);
		Map<String, ServiceInstance> before = owners(eleven.subList(0, 10));
		Map<String, ServiceInstance> after = owners(eleven);
		long moved = before.keySet().stream().filter((key) -> before.get(key) != after.get(key)).count();
		assertThat(moved / (double) KEYS).isLessThanOrEqualTo(1.0 / 11 + 0.05);
		assertThat(after.entrySet().stream().filter((e) -> before.get(e.getKey()) != e.getValue()))
			.allSatisfy((e) -> assertThat(e.getValue()).isSameAs(eleven.get(10)));
	}

	@Test
	void spreadsKeysOverEveryInstance() {
		List<ServiceInstance> instances = instances(10);
		Map<ServiceInstance, Integer> counts = new HashMap<>();
		owners(instances).values().forEach((owner) -> counts.merge(owner, 1, Integer::sum));
		assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isBetween(700, 1300));
	}

	@Test
	void requestWithoutKeyIsBalancedByPeakEwma() {
		List<ServiceInstance> instances = instances(3);
		instances.forEach((instance) -> {
			String key = InstanceKeys.of(instance);
			this.loads.started(key);
			this.loads.completed(key, (instance == instances.get(2)) ? 50_000_000 : 2_000_000, null);
		});
		assertThat(owners(instances).values()).contains(instances.get(2));
		for (int i = 0; i < 300; i++) {
			assertThat(this.balancer.pick(instances, request(null))).isNotSameAs(instances.get(2));
		}
	}

	private Map<String, ServiceInstance> owners(List<ServiceInstance> instances) {
		Map<String, ServiceInstance> owners = new HashMap<>();
		for (int i = 0; i < KEYS; i++) {
			owners.put("key-" + i, this.balancer.pick(instances, request("key-" + i)));
		}
		return owners;
	}

	private static DefaultRequest<RequestDataContext> request(String key) {
		HttpHeaders headers = new HttpHeaders();
		if (key != null) {
			headers.add("X-Hash-Key", key);
		}
		RequestData data = new RequestData(HttpMethod.GET, URI.create("http://backend/work"), headers,
				new LinkedMultiValueMap<>(), new HashMap<>());
		return new DefaultRequest<>(new RequestDataContext(data));
	}

}
