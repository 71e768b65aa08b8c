package dev.microkit.benchmarks.calls;

import java.util.List;

import dev.microkit.calls.autoconfigure.CallsAutoConfiguration;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.BlockingLoadBalancerClientAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerCacheAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The part of the starter that picks instances, and what it stands on: discovery, Spring
 * Cloud LoadBalancer, the Resilience4j registries microkit's calls need, and microkit's
 * calls. JMH runs every balancer and size in a JVM of its own, and the whole application
 * took most of a fork's time to start; this one builds the same balancer chain.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
		UtilAutoConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class,
		CompositeDiscoveryClientAutoConfiguration.class,
		org.springframework.cloud.client.loadbalancer.LoadBalancerAutoConfiguration.class,
		LoadBalancerAutoConfiguration.class, BlockingLoadBalancerClientAutoConfiguration.class,
		LoadBalancerCacheAutoConfiguration.class, CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class,
		CallsAutoConfiguration.class })
public class PickCostApplication {

	static ConfigurableApplicationContext start(List<String> instanceUris, String loadBalancer) {
		List<String> properties = CallsApplication.backend(instanceUris, loadBalancer);
		// Steady state: a weighted balancer whose instances are past their warm-up.
		properties.add("microkit.calls.clients.backend.weighted.warm-up=0s");
		return new SpringApplicationBuilder(PickCostApplication.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

}
