package dev.microkit.calls.instances;

import java.util.concurrent.TimeUnit;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.FailureClassifier;
import dev.microkit.calls.FailureKind;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.client.loadbalancer.TimedRequestContext;

/**
 * Observes every attempt of a call — Feign, HTTP interface or gRPC, whose attempts all go
 * through Spring Cloud's load-balancer lifecycle: counts it in flight on its instance,
 * then feeds its latency and outcome to the instance's {@link InstanceLoad}, to outlier
 * ejection and to the {@code microkit.calls.requests} timer. Attempts that failed for
 * reasons of the caller's own — its deadline cut the attempt short, or its connection
 * pool had no connection to give — are timed but not held against the instance. Other
 * load-balanced clients (a {@code @LoadBalanced} WebClient, say) are left alone: their
 * lifecycle does not always report completion, which would leave requests in flight
 * forever.
 */
public class InstanceLoadRecorder implements LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> {

	private final InstanceLoadRegistry registry;

	private final RequestTimers timers;

	private final ProcessPauses pauses;

	public InstanceLoadRecorder(InstanceLoadRegistry registry, ProcessPauses pauses) {
		this.registry = registry;
		this.timers = registry.requestTimers();
		this.pauses = pauses;
	}

	@Override
	public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
		// Spring's blocking client (under RestTemplate and RestClient) declares the
		// general types it may hand over; what it hands over is checked per call.
		return requestContextClass.isAssignableFrom(RequestDataContext.class)
				&& responseClass.isAssignableFrom(ResponseData.class)
				&& ServiceInstance.class.isAssignableFrom(serverTypeClass);
	}

	@Override
	public void onStart(Request<RequestDataContext> request) {
	}

	@Override
	public void onStartRequest(Request<RequestDataContext> request, Response<ServiceInstance> lbResponse) {
		CallAttempts attempts = CallAttempts.current();
		Object context = request.getContext();
		if (attempts == null || !lbResponse.hasServer() || !(context instanceof TimedRequestContext timed)
				|| !ofTheCall(lbResponse.getServer(), attempts)) {
			return;
		}
		InstanceLoad load = this.registry.forService(attempts.serviceId()).of(lbResponse.getServer());
		long now = System.nanoTime();
		timed.setRequestStartTime(now);
		this.pauses.calling(now);
		load.started(now);
		attempts.tried(load.key());
	}

	@Override
	public void onComplete(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
		CallAttempts attempts = CallAttempts.current();
		Response<ServiceInstance> lbResponse = completion.getLoadBalancerResponse();
		Object context = completion.getLoadBalancerRequest().getContext();
		if (attempts == null || completion.status() == CompletionContext.Status.DISCARD || lbResponse == null
				|| !lbResponse.hasServer() || !(context instanceof TimedRequestContext timed)
				|| !ofTheCall(lbResponse.getServer(), attempts)) {
			return;
		}
		long start = timed.getRequestStartTime();
		long end = System.nanoTime();
		long latency = end - start;
		ServiceLoads loads = this.registry.forService(attempts.serviceId());
		InstanceLoad load = loads.of(lbResponse.getServer());
		FailureKind failure = failureOf(completion);
		String callerSide = callerSideFailure(completion, failure, attempts);
		if (callerSide != null) {
			load.abandoned();
			this.timers.get(attempts.serviceId(), load, callerSide).record(latency, TimeUnit.NANOSECONDS);
			return;
		}
		loads.completed(load, latency, this.pauses.stalledNanos(start, end), failure);
		this.timers.get(attempts.serviceId(), load, outcome(completion, failure)).record(latency, TimeUnit.NANOSECONDS);
	}

	private static String callerSideFailure(
			CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion, FailureKind failure,
			CallAttempts attempts) {
		if (completion.status() != CompletionContext.Status.FAILED) {
			return null;
		}
		if (FailureClassifier.isLocal(completion.getThrowable())) {
			return "local";
		}
		return (failure == FailureKind.TIMEOUT && attempts.isCutByDeadline()) ? "deadline" : null;
	}

	private static FailureKind failureOf(
			CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
		if (completion.status() == CompletionContext.Status.FAILED) {
			FailureKind kind = FailureClassifier.ofException(completion.getThrowable());
			return (kind != null) ? kind : FailureKind.IO;
		}
		ResponseData response = responseData(completion);
		return (response != null && response.getHttpStatus() != null)
				? FailureClassifier.ofStatus(response.getHttpStatus().value()) : null;
	}

	private static String outcome(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion,
			FailureKind failure) {
		if (failure != null) {
			return failure.name().toLowerCase();
		}
		ResponseData response = responseData(completion);
		boolean clientError = response != null && response.getHttpStatus() != null
				&& response.getHttpStatus().is4xxClientError();
		return clientError ? "client_error" : "success";
	}

	private static ResponseData responseData(
			CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
		Object response = completion.getClientResponse();
		return (response instanceof ResponseData data) ? data : null;
	}

	/**
	 * Whether an instance is one of the service the call on this thread calls: a
	 * load-balanced {@code RestTemplate} used inside a call (by a decoder, say) picks an
	 * instance of another service, which must not count as an attempt of this call.
	 * Discovery clients differ in the case of service ids (Eureka's are upper case).
	 */
	private static boolean ofTheCall(ServiceInstance instance, CallAttempts attempts) {
		String serviceId = instance.getServiceId();
		return serviceId == null || serviceId.equalsIgnoreCase(attempts.serviceId());
	}

}
