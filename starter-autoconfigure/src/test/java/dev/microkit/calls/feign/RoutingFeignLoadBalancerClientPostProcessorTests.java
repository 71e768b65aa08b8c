package dev.microkit.calls.feign;

import java.util.List;

import feign.Client;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClientsProperties;
import org.springframework.cloud.loadbalancer.blocking.client.BlockingLoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
import org.springframework.cloud.openfeign.loadbalancer.LoadBalancerFeignRequestTransformer;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingFeignLoadBalancerClientPostProcessorTests {

	private final Client http = new Client.Default(null, null);

	private final LoadBalancerClientFactory loadBalancers = new LoadBalancerClientFactory(
			new LoadBalancerClientsProperties());

	private final LoadBalancerClient loadBalancerClient = new BlockingLoadBalancerClient(this.loadBalancers);

	private final RoutingFeignLoadBalancerClientPostProcessor postProcessor = postProcessor();

	@Test
	void replacesSpringsBlockingClientAroundTheSameHttpClient() {
		Object processed = this.postProcessor.postProcessAfterInitialization(
				new FeignBlockingLoadBalancerClient(this.http, this.loadBalancerClient, this.loadBalancers, List.of()),
				"feignClient");
		assertThat(processed).isInstanceOf(RoutingFeignLoadBalancerClient.class);
		assertThat(((RoutingFeignLoadBalancerClient) processed).getDelegate()).isSameAs(this.http);
	}

	@Test
	void leavesSubclassesAndOtherClientsAlone() {
		FeignBlockingLoadBalancerClient subclass = new FeignBlockingLoadBalancerClient(this.http,
				this.loadBalancerClient, this.loadBalancers, List.of()) {
		};
		assertThat(this.postProcessor.postProcessAfterInitialization(subclass, "feignClient")).isSameAs(subclass);
		assertThat(this.postProcessor.postProcessAfterInitialization(this.http, "feignClient")).isSameAs(this.http);
	}

	private RoutingFeignLoadBalancerClientPostProcessor postProcessor() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("loadBalancerClient", this.loadBalancerClient);
		beans.addBean("loadBalancerClientFactory", this.loadBalancers);
		return new RoutingFeignLoadBalancerClientPostProcessor(beans.getBeanProvider(LoadBalancerClient.class),
				beans.getBeanProvider(LoadBalancerClientFactory.class),
				beans.getBeanProvider(LoadBalancerFeignRequestTransformer.class));
	}

}
