package dev.microkit.calls.loadbalancer;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Keeps a service's instances for {@code spring.cloud.loadbalancer.cache.ttl}, as
 * {@code withCaching()} does, and hands them to every pick from a volatile field. Written
 * by hand because Spring's {@link CachingServiceInstanceListSupplier} runs every pick
 * through Reactor's {@code CacheFlux} and a Caffeine lookup, whose read buffers and
 * clean-up tasks cost more than the pick itself once several threads call.
 */
public class CachedInstancesServiceInstanceListSupplier extends ImmediateDelegatingServiceInstanceListSupplier {

	private final long ttlNanos;

	private final Flux<List<ServiceInstance>> discovered;

	private volatile Snapshot snapshot;

	public CachedInstancesServiceInstanceListSupplier(ServiceInstanceListSupplier delegate, Duration ttl) {
		super(delegate);
		this.ttlNanos = ttl.toNanos();
		this.discovered = delegate.get().take(1).doOnNext(this::keep);
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		Snapshot current = this.snapshot;
		return (current != null && current.isFresh(System.nanoTime())) ? Flux.just(current.instances())
				: this.discovered;
	}

	/**
	 * The cached instances while they are fresh; discovery is asked by {@link #get()}
	 * only.
	 */
	@Override
	public List<ServiceInstance> getNow(Request<?> request) {
		Snapshot current = this.snapshot;
		return (current != null && current.isFresh(System.nanoTime())) ? current.instances() : null;
	}

	private void keep(List<ServiceInstance> instances) {
		this.snapshot = instances.isEmpty() ? null : new Snapshot(instances, System.nanoTime() + this.ttlNanos);
	}

	private record Snapshot(List<ServiceInstance> instances, long expiresNanos) {

		boolean isFresh(long nowNanos) {
			return nowNanos - this.expiresNanos < 0;
		}

	}

}
