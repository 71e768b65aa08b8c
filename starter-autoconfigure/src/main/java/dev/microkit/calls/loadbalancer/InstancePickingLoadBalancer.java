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

	private volatile Chain chain;

	protected InstancePickingLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers) {
		this.suppliers = suppliers;
	}

	@Override
	public Mono<Response<ServiceInstance>> choose(Request request) {
		Chain chain = chain();
		return chain.supplier().get(request).next().map((instances) -> respond(chain, instances, request));
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
		Chain chain = chain();
		List<ServiceInstance> instances = (chain.immediate() != null) ? chain.immediate().getNow(request) : null;
		return (instances != null) ? respond(chain, instances, request) : null;
	}

	// The supplier is a singleton of the client's context: looked up once, not per pick.
	private Chain chain() {
		Chain chain = this.chain;
		if (chain == null) {
			ServiceInstanceListSupplier supplier = this.suppliers.getIfAvailable();
			if (supplier == null) {
				return Chain.of(new NoopServiceInstanceListSupplier());
			}
			chain = Chain.of(supplier);
			this.chain = chain;
		}
		return chain;
	}

	private Response<ServiceInstance> respond(Chain chain, List<ServiceInstance> instances, Request<?> request) {
		if (instances.isEmpty()) {
			return new EmptyResponse();
		}
		ServiceInstance chosen = pick(instances, request);
		if (chain.callback() != null) {
			chain.callback().selectedServiceInstance(chosen);
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

	/**
	 * The supplier chain and what it can do, asked once: see
	 * {@link ImmediateDelegatingServiceInstanceListSupplier} for why not on every pick.
	 */
	private record Chain(ServiceInstanceListSupplier supplier, @Nullable ImmediateServiceInstanceListSupplier immediate,
			@Nullable SelectedInstanceCallback callback) {

		static Chain of(ServiceInstanceListSupplier supplier) {
			return new Chain(supplier, ImmediateServiceInstanceListSupplier.of(supplier),
					ImmediateDelegatingServiceInstanceListSupplier.selectedInstanceCallback(supplier));
		}

	}

}
