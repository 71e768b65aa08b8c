package dev.microkit.calls.loadbalancer;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import dev.microkit.calls.instances.ServiceLoads;

/**
 * Leaves ejected instances out of the list a balancer picks from. When every listed
 * instance is ejected the list is passed on whole: a guess beats no answer.
 */
public class OutlierEjectingServiceInstanceListSupplier extends ImmediateDelegatingServiceInstanceListSupplier {

	private final ServiceLoads loads;

	public OutlierEjectingServiceInstanceListSupplier(ServiceInstanceListSupplier delegate, ServiceLoads loads) {
		super(delegate);
		this.loads = loads;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return getDelegate().get().map(this::withoutEjected);
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		return getDelegate().get(request).map(this::withoutEjected);
	}

	@Override
	public List<ServiceInstance> getNow(Request<?> request) {
		List<ServiceInstance> instances = delegateNow(request);
		return (instances != null) ? withoutEjected(instances) : null;
	}

	List<ServiceInstance> withoutEjected(List<ServiceInstance> instances) {
		this.loads.discovered(instances);
		long now = System.nanoTime();
		if (!this.loads.anyEjected(now)) {
			return instances;
		}
		int ejected = 0;
		for (ServiceInstance instance : instances) {
			ejected += this.loads.of(instance).ejection().isEjected(now) ? 1 : 0;
		}
		if (ejected == 0 || ejected == instances.size()) {
			return instances;
		}
		List<ServiceInstance> available = new ArrayList<>(instances.size() - ejected);
		for (ServiceInstance instance : instances) {
			if (!this.loads.of(instance).ejection().isEjected(now)) {
				available.add(instance);
			}
		}
		return available;
	}

}
