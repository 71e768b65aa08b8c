package dev.microkit.calls.loadbalancer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.cache.LoadBalancerCacheProperties;
import org.springframework.cloud.loadbalancer.core.RandomLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.instances.ServiceLoads;

/**
 * Default configuration of every per-client load-balancer context: instances from
 * discovery, cached for {@code spring.cloud.loadbalancer.cache.ttl} unless
 * {@code spring.cloud.loadbalancer.cache.enabled=false}, without ejected instances and,
 * on a retry, without the instances the call already tried; picked by the client's
 * {@code load-balancer}. A client's own {@code @LoadBalancerClient(configuration = …)}
 * beans take precedence.
 */
@Configuration(proxyBeanMethods = false)
public class CallsLoadBalancerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ServiceInstanceListSupplier microkitServiceInstanceListSupplier(ConfigurableApplicationContext context,
			InstanceLoadRegistry registry) {
		ServiceLoads loads = registry.forService(serviceId(context.getEnvironment()));
		return ServiceInstanceListSupplier.builder()
			.withBlockingDiscoveryClient()
			.with(CallsLoadBalancerConfiguration::cached)
			.with((ctx, delegate) -> new OutlierEjectingServiceInstanceListSupplier(delegate, loads))
			.with((ctx, delegate) -> new TriedInstanceAvoidingServiceInstanceListSupplier(delegate))
			.build(context);
	}

	@Bean
	@ConditionalOnMissingBean
	public ReactorLoadBalancer<ServiceInstance> microkitLoadBalancer(Environment environment,
			LoadBalancerClientFactory clients, InstanceLoadRegistry registry, InstanceWeights weights) {
		String serviceId = serviceId(environment);
		ServiceLoads loads = registry.forService(serviceId);
		// The lazy provider, as Spring's own LoadBalancerClientConfiguration uses,
		// resolves the supplier once; an injected ObjectProvider resolves it again on
		// every pick, at a cost of microseconds.
		ObjectProvider<ServiceInstanceListSupplier> suppliers = clients.getLazyProvider(serviceId,
				ServiceInstanceListSupplier.class);
		return switch (loads.settings().getLoadBalancer()) {
			case ROUND_ROBIN -> new RoundRobinLoadBalancer(suppliers, serviceId);
			case RANDOM -> new RandomLoadBalancer(suppliers, serviceId);
			case WEIGHTED -> new WeightedLoadBalancer(suppliers, loads, weights);
			case LEAST_REQUESTS -> new LeastRequestsLoadBalancer(suppliers, loads);
			case PEAK_EWMA -> new PeakEwmaLoadBalancer(suppliers, loads);
			case CONSISTENT_HASH -> new ConsistentHashLoadBalancer(suppliers, loads);
		};
	}

	private static ServiceInstanceListSupplier cached(ConfigurableApplicationContext context,
			ServiceInstanceListSupplier discovered) {
		LoadBalancerCacheProperties cache = context.getBeanProvider(LoadBalancerCacheProperties.class).getIfAvailable();
		return (cache != null) ? new CachedInstancesServiceInstanceListSupplier(discovered, cache.getTtl())
				: discovered;
	}

	private static String serviceId(Environment environment) {
		return environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
	}

}
