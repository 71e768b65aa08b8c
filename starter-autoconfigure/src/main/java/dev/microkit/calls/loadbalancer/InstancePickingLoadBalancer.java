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
import org.springframework.lang.Nullable;

/**
 * A balancer that picks one instance from the list its supplier chain offers; the
 * subclasses say how.
 */
public abstract class InstancePickingLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private final ObjectProvider<ServiceInstanceListSupplier> suppliers;

	private volatile ServiceInstanceListSupplier supplier;

	protected InstancePickingLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers) {
		this.suppliers = suppliers;
	}

	@Override
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = supplier();
		return supplier.get(request).next().map((instances) -> respond(supplier, instances, request));
	}

	/**
	 * Picks on the calling thread when the supplier chain has the instances at hand, as
	 * {@link #choose(Request)} would pick.
	 * @param request the request being balanced
	 * @return the pick, or {@code null} when only {@link #choose(Request)} can tell
	 * @see ImmediateServiceInstanceListSupplier
	 */
	@Nullable
	public Response<ServiceInstance> chooseNow(Request<?> request) {
		ServiceInstanceListSupplier supplier = supplier();
		List<ServiceInstance> instances = ImmediateServiceInstanceListSupplier.getNow(supplier, request);
		return (instances != null) ? respond(supplier, instances, request) : null;
	}

	// The supplier is a singleton of the client's context: looked up once, not per pick.
	private ServiceInstanceListSupplier supplier() {
		ServiceInstanceListSupplier supplier = this.supplier;
		if (supplier == null) {
			supplier = this.suppliers.getIfAvailable();
			if (supplier == null) {
				return new NoopServiceInstanceListSupplier();
			}
			this.supplier = supplier;
		}
		return supplier;
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
