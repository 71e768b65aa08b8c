package dev.microkit.calls.loadbalancer;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * A balancer that picks one instance from the list its supplier chain offers; the
 * subclasses say how.
 */
public abstract class InstancePickingLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private final ObjectProvider<ServiceInstanceListSupplier> suppliers;

	protected InstancePickingLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers) {
		this.suppliers = suppliers;
	}

	@Override
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = this.suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new);
		return supplier.get(request).next().map((instances) -> respond(supplier, instances, request));
	}

	private Response<ServiceInstance> respond(ServiceInstanceListSupplier supplier, List<ServiceInstance> instances,
			Request<?> request) {
		if (instances.isEmpty()) {
			return new EmptyResponse();
		}
		ServiceInstance chosen = pick(instances, request);
		if (supplier instanceof SelectedInstanceCallback callback) {
			callback.selectedServiceInstance(chosen);
		}
		return new DefaultResponse(chosen);
	}

	/**
	 * Picks one instance; called on every attempt, so it must not lock or allocate much.
	 * @param instances the candidates, never empty
	 * @param request the request being balanced
	 * @return the chosen instance
	 */
	protected abstract ServiceInstance pick(List<ServiceInstance> instances, Request<?> request);

}
