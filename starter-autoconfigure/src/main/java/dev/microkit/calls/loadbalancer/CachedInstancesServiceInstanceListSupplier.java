package dev.microkit.calls.loadbalancer;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cache.Cache;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Serves a service's instances from Spring Cloud LoadBalancer's cache, with its
 * {@code spring.cloud.loadbalancer.cache.*} settings, as {@code withCaching()} does, but
 * with a plain lookup per pick: Spring's {@link CachingServiceInstanceListSupplier} runs
 * every pick through Reactor's {@code CacheFlux} (materialize, collect, dematerialize),
 * which costs more than the pick itself.
 */
public class CachedInstancesServiceInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

	private final Cache cache;

	private final Flux<List<ServiceInstance>> discovered;

	public CachedInstancesServiceInstanceListSupplier(ServiceInstanceListSupplier delegate, Cache cache) {
		super(delegate);
		this.cache = cache;
		this.discovered = delegate.get().take(1).doOnNext((instances) -> cache.put(getServiceId(), instances));
	}

	@Override
	@SuppressWarnings("unchecked")
	public Flux<List<ServiceInstance>> get() {
		List<ServiceInstance> cached = this.cache.get(getServiceId(), List.class);
		return (cached != null && !cached.isEmpty()) ? Flux.just(cached) : this.discovered;
	}

}
