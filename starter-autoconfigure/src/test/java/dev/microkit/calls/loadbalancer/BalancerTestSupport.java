package dev.microkit.calls.loadbalancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.microkit.calls.CallsProperties.ClientProperties;
import dev.microkit.calls.instances.ServiceLoads;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

public final class BalancerTestSupport {

	private BalancerTestSupport() {
	}

	public static List<ServiceInstance> instances(int count) {
		List<ServiceInstance> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			instances.add(instance(i, Map.of()));
		}
		return instances;
	}

	public static ServiceInstance instance(int index, Map<String, String> metadata) {
		return new DefaultServiceInstance(null, "backend", "10.0.0." + index, 8080, false, metadata);
	}

	public static ServiceLoads loads(ClientProperties settings) {
		return new ServiceLoads("backend", settings, (load) -> {
		}, (load) -> {
		}, (load) -> {
		});
	}

	public static ServiceLoads loads() {
		return loads(new ClientProperties());
	}

}
