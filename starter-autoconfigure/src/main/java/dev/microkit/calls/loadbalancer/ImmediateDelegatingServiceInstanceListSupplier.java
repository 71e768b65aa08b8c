package dev.microkit.calls.loadbalancer;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.lang.Nullable;

/**
 * A supplier in a chain that can hand over its instances on the calling thread when its
 * delegate can. What the delegate can do is asked once, when the chain is built, not on
 * every pick as Spring's {@link DelegatingServiceInstanceListSupplier} asks it for
 * {@link SelectedInstanceCallback}: before Java 23, checking from many threads whether
 * one class implements one or another interface contends on the single-entry cache the
 * JVM keeps for it (JDK-8180450), and a chain checked for two interfaces on every pick
 * missed it every time.
 */
public abstract class ImmediateDelegatingServiceInstanceListSupplier extends DelegatingServiceInstanceListSupplier
		implements ImmediateServiceInstanceListSupplier {

	@Nullable
	private final ImmediateServiceInstanceListSupplier immediateDelegate;

	@Nullable
	private final SelectedInstanceCallback selectedInstanceCallback;

	protected ImmediateDelegatingServiceInstanceListSupplier(ServiceInstanceListSupplier delegate) {
		super(delegate);
		this.immediateDelegate = ImmediateServiceInstanceListSupplier.of(delegate);
		this.selectedInstanceCallback = selectedInstanceCallback(delegate);
	}

	/**
	 * A supplier's callback for the instance picked, to be asked for once and kept.
	 * @param supplier any supplier
	 * @return the supplier as a callback, or {@code null} if it is not one
	 */
	@Nullable
	static SelectedInstanceCallback selectedInstanceCallback(ServiceInstanceListSupplier supplier) {
		return (supplier instanceof SelectedInstanceCallback callback) ? callback : null;
	}

	/**
	 * The instances the delegate has at hand.
	 * @param request the request being balanced
	 * @return the delegate's instances, or {@code null} when only {@code get(request)}
	 * can tell
	 */
	@Nullable
	protected final List<ServiceInstance> delegateNow(Request<?> request) {
		return (this.immediateDelegate != null) ? this.immediateDelegate.getNow(request) : null;
	}

	@Override
	public void selectedServiceInstance(ServiceInstance serviceInstance) {
		if (this.selectedInstanceCallback != null) {
			this.selectedInstanceCallback.selectedServiceInstance(serviceInstance);
		}
	}

}
