package dev.microkit.calls.feign;

import java.util.List;
import java.util.Set;

import dev.microkit.calls.loadbalancer.InstancePickingLoadBalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycleValidator;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

/**
 * What a load-balanced call to one service needs from the service's load-balancer
 * context: its balancer, the lifecycles that observe Feign calls and its hint. Beans of
 * that context, so looked up once rather than on every call.
 *
 * @param loadBalancer the service's balancer, {@code null} if it has none
 * @param pickingLoadBalancer the same balancer if it can pick on the calling thread, else
 * {@code null}
 * @param lifecycles the lifecycles that support request data, response data and instances
 * @param hint the value of {@code spring.cloud.loadbalancer.hint} for the service
 */
@SuppressWarnings("rawtypes")
record ServiceRoute(ReactiveLoadBalancer<ServiceInstance> loadBalancer, InstancePickingLoadBalancer pickingLoadBalancer,
		List<LoadBalancerLifecycle> lifecycles, String hint) {

	static ServiceRoute of(String serviceId, LoadBalancerClientFactory loadBalancers) {
		Set<LoadBalancerLifecycle> lifecycles = LoadBalancerLifecycleValidator.getSupportedLifecycleProcessors(
				loadBalancers.getInstances(serviceId, LoadBalancerLifecycle.class), RequestDataContext.class,
				ResponseData.class, ServiceInstance.class);
		ReactiveLoadBalancer<ServiceInstance> loadBalancer = loadBalancers.getInstance(serviceId);
		return new ServiceRoute(loadBalancer,
				(loadBalancer instanceof InstancePickingLoadBalancer picking) ? picking : null, List.copyOf(lifecycles),
				hint(serviceId, loadBalancers));
	}

	private static String hint(String serviceId, LoadBalancerClientFactory loadBalancers) {
		var hints = loadBalancers.getProperties(serviceId).getHint();
		String hint = hints.get(serviceId);
		return (hint != null) ? hint : hints.getOrDefault("default", "default");
	}

}
