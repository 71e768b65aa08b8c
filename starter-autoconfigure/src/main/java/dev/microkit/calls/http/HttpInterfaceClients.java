package dev.microkit.calls.http;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.microkit.calls.resilience.ClientCallPolicies;
import dev.microkit.calls.resilience.ClientCallPolicy;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Creates HTTP interface clients ({@code @HttpExchange} interfaces) that call a service
 * by its id under the same policy as its Feign clients: each attempt goes to an instance
 * the service's balancer picks, one deadline bounds the whole call, idempotent calls are
 * retried on an instance not tried yet while the retry budget lasts, and the service's
 * Resilience4j instances, ejection and metrics are shared with its Feign clients.
 *
 * <pre class="code">
 * &#64;Bean
 * InventoryClient inventoryClient(HttpInterfaceClients clients) {
 *     return clients.create("inventory-service", InventoryClient.class);
 * }
 * </pre>
 *
 * The interface's requests are relative to {@code http://<service-id>}. The
 * {@code RestClient} comes from Spring Boot's {@code RestClient.Builder}, so message
 * converters, customizers and observations (traces) are the application's; the HTTP
 * transport is the JDK's {@code HttpClient}, whose timeouts can be set per attempt.
 */
public class HttpInterfaceClients {

	private final ObjectProvider<RestClient.Builder> builders;

	private final ClientCallPolicies policies;

	private final ObjectProvider<LoadBalancerClient> loadBalancer;

	private final ObjectProvider<LoadBalancerRequestFactory> requestFactory;

	private volatile LoadBalancerInterceptor loadBalancing;

	public HttpInterfaceClients(ObjectProvider<RestClient.Builder> builders, ClientCallPolicies policies,
			ObjectProvider<LoadBalancerClient> loadBalancer,
			ObjectProvider<LoadBalancerRequestFactory> requestFactory) {
		this.builders = builders;
		this.policies = policies;
		this.loadBalancer = loadBalancer;
		this.requestFactory = requestFactory;
	}

	/**
	 * Creates a client of a service.
	 * @param <T> the interface
	 * @param serviceId the service, as discovery knows it
	 * @param type the {@code @HttpExchange} interface
	 * @return the client
	 */
	public <T> T create(String serviceId, Class<T> type) {
		return create(serviceId, type, this.builders.getIfAvailable(RestClient::builder));
	}

	/**
	 * Creates a client of a service from a {@code RestClient.Builder} the application
	 * prepared (default headers, converters); its base URL and request factory are
	 * replaced.
	 * @param <T> the interface
	 * @param serviceId the service, as discovery knows it
	 * @param type the {@code @HttpExchange} interface
	 * @param builder the builder to start from, not changed
	 * @return the client
	 */
	public <T> T create(String serviceId, Class<T> type, RestClient.Builder builder) {
		ClientCallPolicy policy = this.policies.forService(serviceId);
		// HTTP/1.1: the JDK client would otherwise offer every plain-text request an
		// upgrade to HTTP/2 that services rarely take
		HttpClient transport = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofMillis(policy.timeouts().connectMillis()))
			.build();
		RestClient restClient = builder.clone()
			.baseUrl("http://" + serviceId)
			.requestFactory(new AttemptTimeoutRequestFactory(transport, policy))
			.requestInterceptors((interceptors) -> {
				interceptors.add(0, new AttemptPreparingInterceptor(policy));
				interceptors.add(1, loadBalancing());
				interceptors.add(new ServiceTokenInterceptor(policy));
			})
			.build();
		T client = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build().createClient(type);
		ProxyFactory proxy = new ProxyFactory(client);
		proxy.addInterface(type);
		proxy.addAdvice(new CallPolicyInterceptor(policy));
		return type.cast(proxy.getProxy(type.getClassLoader()));
	}

	private LoadBalancerInterceptor loadBalancing() {
		LoadBalancerInterceptor loadBalancing = this.loadBalancing;
		if (loadBalancing == null) {
			LoadBalancerClient client = this.loadBalancer.getIfAvailable();
			if (client == null) {
				throw new IllegalStateException("HTTP interface clients need Spring Cloud LoadBalancer's "
						+ "LoadBalancerClient; add spring-cloud-starter-loadbalancer");
			}
			loadBalancing = new LoadBalancerInterceptor(client,
					this.requestFactory.getIfAvailable(() -> new LoadBalancerRequestFactory(client)));
			this.loadBalancing = loadBalancing;
		}
		return loadBalancing;
	}

}
