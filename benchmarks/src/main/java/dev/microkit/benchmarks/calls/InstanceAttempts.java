package dev.microkit.benchmarks.calls;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;

/**
 * When attempts were sent to one instance, as Spring Cloud LoadBalancer reports them to
 * every {@link LoadBalancerLifecycle} bean: once per instance the balancer hands out,
 * retries included, with microkit on or off alike. A dead instance cannot count the
 * connections it refuses, so the caller's side is where attempts on it are seen.
 */
final class InstanceAttempts implements LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> {

	private final int port;

	private final Queue<Long> startNanos = new ConcurrentLinkedQueue<>();

	InstanceAttempts(int port) {
		this.port = port;
	}

	@Override
	public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
		return RequestDataContext.class.isAssignableFrom(requestContextClass)
				&& ResponseData.class.isAssignableFrom(responseClass)
				&& ServiceInstance.class.isAssignableFrom(serverTypeClass);
	}

	@Override
	public void onStart(Request<RequestDataContext> request) {
	}

	@Override
	public void onStartRequest(Request<RequestDataContext> request, Response<ServiceInstance> lbResponse) {
		if (lbResponse.hasServer() && lbResponse.getServer().getPort() == this.port) {
			this.startNanos.add(System.nanoTime());
		}
	}

	@Override
	public void onComplete(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
	}

	/**
	 * When each attempt on the instance started, in {@link System#nanoTime()}.
	 */
	long[] startNanos() {
		return this.startNanos.stream().mapToLong(Long::longValue).sorted().toArray();
	}

}
