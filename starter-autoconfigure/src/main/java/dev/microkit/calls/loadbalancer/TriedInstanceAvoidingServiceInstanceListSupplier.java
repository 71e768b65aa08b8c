package dev.microkit.calls.loadbalancer;

import java.util.ArrayList;
import java.util.List;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.instances.InstanceKeys;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Sends a retry to an instance the call has not tried yet, as long as one is left.
 */
public class TriedInstanceAvoidingServiceInstanceListSupplier extends ImmediateDelegatingServiceInstanceListSupplier {

	public TriedInstanceAvoidingServiceInstanceListSupplier(ServiceInstanceListSupplier delegate) {
		super(delegate);
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return getDelegate().get();
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		// Read on the calling thread: the list may arrive on another one.
		List<String> tried = triedByTheCall();
		Flux<List<ServiceInstance>> instances = getDelegate().get(request);
		return tried.isEmpty() ? instances : instances.map((list) -> untried(list, tried));
	}

	@Override
	public List<ServiceInstance> getNow(Request<?> request) {
		List<ServiceInstance> instances = delegateNow(request);
		if (instances == null) {
			return null;
		}
		List<String> tried = triedByTheCall();
		return tried.isEmpty() ? instances : untried(instances, tried);
	}

	private static List<String> triedByTheCall() {
		CallAttempts attempts = CallAttempts.current();
		return (attempts != null) ? attempts.triedInstances() : List.of();
	}

	static List<ServiceInstance> untried(List<ServiceInstance> instances, List<String> tried) {
		List<ServiceInstance> untried = new ArrayList<>(instances.size());
		for (ServiceInstance instance : instances) {
			if (!tried.contains(InstanceKeys.of(instance))) {
				untried.add(instance);
			}
		}
		return untried.isEmpty() ? instances : untried;
	}

}
