package dev.microkit.calls.loadbalancer;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.lang.Nullable;

/**
 * A supplier that can hand a pick its instances on the calling thread, whenever it has
 * them at hand — a fresh cached list, say — so that a blocking call need not build and
 * block on a Reactor pipeline for a list that is already in memory.
 */
public interface ImmediateServiceInstanceListSupplier {

	/**
	 * The instances {@code get(request)} would give, if they are at hand.
	 * @param request the request being balanced
	 * @return the instances, or {@code null} when only {@code get(request)} can tell
	 */
	@Nullable
	List<ServiceInstance> getNow(Request<?> request);

	/**
	 * A supplier's immediate side, to be asked for once and kept: see
	 * {@link ImmediateDelegatingServiceInstanceListSupplier} for why not on every pick.
	 * @param supplier any supplier
	 * @return the supplier as an immediate one, or {@code null} if it is not one
	 */
	@Nullable
	static ImmediateServiceInstanceListSupplier of(ServiceInstanceListSupplier supplier) {
		return (supplier instanceof ImmediateServiceInstanceListSupplier immediate) ? immediate : null;
	}

}
