package dev.microkit.calls.loadbalancer;

import java.util.concurrent.TimeUnit;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.FailureClassifier;
import dev.microkit.calls.FailureKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.client.loadbalancer.TimedRequestContext;

/**
 * Observes every load-balanced attempt: counts it in flight on its instance, then feeds
 * its latency and outcome to the instance's {@link InstanceLoad}, to outlier ejection and
 * to the {@code microkit.calls.requests} timer.
 */
public class InstanceLoadRecorder implements LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> {

	private final InstanceLoadRegistry registry;

	private final MeterRegistry meterRegistry;

	public InstanceLoadRecorder(InstanceLoadRegistry registry, MeterRegistry meterRegistry) {
		this.registry = registry;
		this.meterRegistry = meterRegistry;
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
		if (!lbResponse.hasServer()) {
			return;
		}
		ServiceInstance instance = lbResponse.getServer();
		String key = InstanceKeys.of(instance);
		Object context = request.getContext();
		if (context instanceof TimedRequestContext timed) {
			timed.setRequestStartTime(System.nanoTime());
		}
		this.registry.forService(instance.getServiceId()).started(key);
		CallAttempts attempts = CallAttempts.current();
		if (attempts != null) {
			attempts.tried(key);
		}
	}

	@Override
	public void onComplete(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
		Response<ServiceInstance> lbResponse = completion.getLoadBalancerResponse();
		Object context = completion.getLoadBalancerRequest().getContext();
		if (completion.status() == CompletionContext.Status.DISCARD || lbResponse == null || !lbResponse.hasServer()
				|| !(context instanceof TimedRequestContext timed)) {
			return;
		}
		long latency = System.nanoTime() - timed.getRequestStartTime();
		ServiceInstance instance = lbResponse.getServer();
		String key = InstanceKeys.of(instance);
		FailureKind failure = failureOf(completion);
		this.registry.forService(instance.getServiceId()).completed(key, latency, failure);
		requestTimer(instance.getServiceId(), key, outcome(completion, failure)).record(latency, TimeUnit.NANOSECONDS);
	}

	private static FailureKind failureOf(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
		if (completion.status() == CompletionContext.Status.FAILED) {
			FailureKind kind = FailureClassifier.ofException(completion.getThrowable());
			return (kind != null) ? kind : FailureKind.IO;
		}
		ResponseData response = completion.getClientResponse();
		return (response != null && response.getHttpStatus() != null)
				? FailureClassifier.ofStatus(response.getHttpStatus().value()) : null;
	}

	private static String outcome(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion,
			FailureKind failure) {
		if (failure != null) {
			return failure.name().toLowerCase();
		}
		ResponseData response = completion.getClientResponse();
		boolean clientError = response != null && response.getHttpStatus() != null
				&& response.getHttpStatus().is4xxClientError();
		return clientError ? "client_error" : "success";
	}

	private Timer requestTimer(String serviceId, String instance, String outcome) {
		return Timer.builder("microkit.calls.requests")
			.description("Attempts of calls per client and instance, by outcome")
			.tags("client", serviceId, "instance", instance, "outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meterRegistry);
	}

}
