package dev.microkit.calls.feign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import feign.Client;
import feign.Request;
import feign.Response;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
import org.springframework.cloud.openfeign.loadbalancer.LoadBalancerFeignRequestTransformer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Spring Cloud OpenFeign's blocking load-balancing client, doing per service what
 * Spring's does per call: the balancer, the lifecycles and the hint of a service are
 * looked up once (Spring searches two bean factories for lifecycles on every call) and
 * the instance's URL is its base and the call's path. The rest is as Spring does it: the
 * same request data for the balancer, the same lifecycle callbacks, the request
 * transformers, and 503 when the balancer has no instance. A subclass, so that a
 * {@code @FeignClient} with a {@code url} still gets the delegate, as Spring's factory
 * bean unwraps it.
 */
public class RoutingFeignLoadBalancerClient extends FeignBlockingLoadBalancerClient {

	private final LoadBalancerClientFactory loadBalancers;

	private final List<LoadBalancerFeignRequestTransformer> transformers;

	private final Map<String, ServiceRoute> routes = new ConcurrentHashMap<>();

	public RoutingFeignLoadBalancerClient(Client delegate, LoadBalancerClient loadBalancerClient,
			LoadBalancerClientFactory loadBalancers, List<LoadBalancerFeignRequestTransformer> transformers) {
		super(delegate, loadBalancerClient, loadBalancers, transformers);
		this.loadBalancers = loadBalancers;
		this.transformers = transformers;
	}

	@Override
	public Response execute(Request request, Request.Options options) throws IOException {
		ServiceUrl url = ServiceUrl.parse(request.url());
		if (url == null) {
			return super.execute(request, options);
		}
		ServiceRoute route = route(url.serviceId());
		RequestData requestData = requestData(request);
		DefaultRequest<RequestDataContext> lbRequest = new DefaultRequest<>(
				new RequestDataContext(requestData, route.hint()));
		List<LoadBalancerLifecycle> lifecycles = route.lifecycles();
		for (int i = 0; i < lifecycles.size(); i++) {
			lifecycles.get(i).onStart(lbRequest);
		}
		ServiceInstance instance = choose(route, lbRequest);
		DefaultResponse lbResponse = new DefaultResponse(instance);
		if (instance == null) {
			complete(lifecycles, new CompletionContext<>(CompletionContext.Status.DISCARD, lbRequest, lbResponse));
			return Response.builder()
				.request(request)
				.status(HttpStatus.SERVICE_UNAVAILABLE.value())
				.body("Load balancer does not contain an instance for the service " + url.serviceId(),
						StandardCharsets.UTF_8)
				.build();
		}
		Request instanceRequest = buildRequest(request, url.on(instance), instance);
		return execute(instanceRequest, options, route, lbRequest, lbResponse);
	}

	private ServiceRoute route(String serviceId) {
		ServiceRoute route = this.routes.get(serviceId);
		return (route != null) ? route
				: this.routes.computeIfAbsent(serviceId, (id) -> ServiceRoute.of(id, this.loadBalancers));
	}

	private static ServiceInstance choose(ServiceRoute route, DefaultRequest<RequestDataContext> lbRequest) {
		if (route.loadBalancer() == null) {
			return null;
		}
		org.springframework.cloud.client.loadbalancer.Response<ServiceInstance> chosen = null;
		if (route.pickingLoadBalancer() != null) {
			// A list at hand is picked from on this thread, without a Reactor pipeline to
			// block on.
			chosen = route.pickingLoadBalancer().chooseNow(lbRequest);
		}
		if (chosen == null) {
			chosen = Mono.from(route.loadBalancer().choose(lbRequest)).block();
		}
		return (chosen != null) ? chosen.getServer() : null;
	}

	@SuppressWarnings("unchecked")
	private Response execute(Request request, Request.Options options, ServiceRoute route,
			DefaultRequest<RequestDataContext> lbRequest, DefaultResponse lbResponse) throws IOException {
		List<LoadBalancerLifecycle> lifecycles = route.lifecycles();
		for (int i = 0; i < lifecycles.size(); i++) {
			lifecycles.get(i).onStartRequest(lbRequest, lbResponse);
		}
		try {
			Response response = getDelegate().execute(request, options);
			if (!lifecycles.isEmpty()) {
				complete(lifecycles, new CompletionContext<>(CompletionContext.Status.SUCCESS, lbRequest, lbResponse,
						responseData(response, lbRequest)));
			}
			return response;
		}
		catch (Exception ex) {
			complete(lifecycles, new CompletionContext<>(CompletionContext.Status.FAILED, ex, lbRequest, lbResponse));
			throw ex;
		}
	}

	// Loops by index, so that a call allocates neither a lambda per callback nor an
	// iterator per loop.
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void complete(List<LoadBalancerLifecycle> lifecycles, CompletionContext completion) {
		for (int i = 0; i < lifecycles.size(); i++) {
			lifecycles.get(i).onComplete(completion);
		}
	}

	private ResponseData responseData(Response response, DefaultRequest<RequestDataContext> lbRequest) {
		RequestData sent = (this.transformers.isEmpty()) ? sentAs(response.request(), lbRequest)
				: requestData(response.request());
		return new ResponseData(HttpStatusCode.valueOf(response.status()), FeignHeaders.of(response.headers()), null,
				sent);
	}

	// Without transformers the request sent differs from the balanced one in its URL
	// only.
	private static RequestData sentAs(Request sent, DefaultRequest<RequestDataContext> lbRequest) {
		RequestData balanced = lbRequest.getContext().getClientRequest();
		return new ParsedOnDemandRequestData(balanced.getHttpMethod(), sent.url(), balanced.getHeaders(),
				balanced.getCookies(), balanced.getAttributes());
	}

	private static RequestData requestData(Request request) {
		return new ParsedOnDemandRequestData(HttpMethod.valueOf(request.httpMethod().name()), request.url(),
				FeignHeaders.of(request.headers()), null, new HashMap<>());
	}

}
