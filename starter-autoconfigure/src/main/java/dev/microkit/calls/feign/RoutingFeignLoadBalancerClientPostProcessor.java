package dev.microkit.calls.feign;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
import org.springframework.cloud.openfeign.loadbalancer.LoadBalancerFeignRequestTransformer;

/**
 * Puts a {@link RoutingFeignLoadBalancerClient} in place of the
 * {@link FeignBlockingLoadBalancerClient} that Spring Cloud OpenFeign configures, around
 * the same HTTP client. Leaves alone any other {@code Client}, a subclass of Spring's
 * included, since whoever wrote it meant it.
 */
public class RoutingFeignLoadBalancerClientPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<LoadBalancerClient> loadBalancerClient;

	private final ObjectProvider<LoadBalancerClientFactory> loadBalancers;

	private final ObjectProvider<LoadBalancerFeignRequestTransformer> transformers;

	public RoutingFeignLoadBalancerClientPostProcessor(ObjectProvider<LoadBalancerClient> loadBalancerClient,
			ObjectProvider<LoadBalancerClientFactory> loadBalancers,
			ObjectProvider<LoadBalancerFeignRequestTransformer> transformers) {
		this.loadBalancerClient = loadBalancerClient;
		this.loadBalancers = loadBalancers;
		this.transformers = transformers;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean.getClass() != FeignBlockingLoadBalancerClient.class) {
			return bean;
		}
		return new RoutingFeignLoadBalancerClient(((FeignBlockingLoadBalancerClient) bean).getDelegate(),
				this.loadBalancerClient.getObject(), this.loadBalancers.getObject(),
				this.transformers.orderedStream().toList());
	}

}
