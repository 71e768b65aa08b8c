package dev.microkit.calls.loadbalancer;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import dev.microkit.calls.instances.ServiceLoads;

/**
 * Sends requests with the same key, taken from a request header, to the same instance;
 * requests without the header are balanced by peak-EWMA.
 */
public class ConsistentHashLoadBalancer extends InstancePickingLoadBalancer {

	private final String header;

	private final int virtualNodes;

	private final PeakEwmaLoadBalancer fallback;

	// The two most recent rings: the full list and the list without an ejected or
	// already-tried instance alternate, and neither should rebuild the other's ring.
	private volatile ConsistentHashRing latest;

	private volatile ConsistentHashRing previous;

	public ConsistentHashLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, ServiceLoads loads) {
		super(suppliers);
		this.header = loads.settings().getConsistentHash().getHeader();
		this.virtualNodes = loads.settings().getConsistentHash().getVirtualNodes();
		this.fallback = new PeakEwmaLoadBalancer(suppliers, loads);
	}

	@Override
	protected ServiceInstance pick(List<ServiceInstance> instances, Request<?> request) {
		String key = hashKey(request);
		if (key == null) {
			return this.fallback.pick(instances, request);
		}
		return ringFor(instances).locate(key);
	}

	private String hashKey(Request<?> request) {
		if (request != null && request.getContext() instanceof RequestDataContext context
				&& context.getClientRequest() != null && context.getClientRequest().getHeaders() != null) {
			return context.getClientRequest().getHeaders().getFirst(this.header);
		}
		return null;
	}

	private ConsistentHashRing ringFor(List<ServiceInstance> instances) {
		ConsistentHashRing ring = this.latest;
		if (ring != null && ring.isFor(instances)) {
			return ring;
		}
		ConsistentHashRing older = this.previous;
		if (older != null && older.isFor(instances)) {
			return older;
		}
		ConsistentHashRing built = new ConsistentHashRing(instances, this.virtualNodes);
		this.previous = ring;
		this.latest = built;
		return built;
	}

}
