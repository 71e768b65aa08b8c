package dev.microkit.calls.autoconfigure;

import dev.microkit.calls.feign.FeignDecoderConfiguration;
import dev.microkit.calls.grpc.GrpcClients;
import dev.microkit.calls.grpc.InstanceChannelFactory;
import dev.microkit.calls.http.HttpInterfaceClients;
import dev.microkit.calls.feign.RoutingFeignLoadBalancerClientPostProcessor;
import dev.microkit.calls.loadbalancer.CallsLoadBalancerConfiguration;
import dev.microkit.calls.instances.InstanceLoadRecorder;
import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.loadbalancer.InstanceWeights;
import dev.microkit.calls.instances.ProcessPauses;
import dev.microkit.calls.loadbalancer.SimpleDiscoveryWeightsCheck;
import dev.microkit.calls.resilience.ClientCallPolicies;
import dev.microkit.calls.resilience.ClientCallPoliciesInitializer;
import dev.microkit.calls.resilience.ClientNameCircuitBreakerNameResolver;
import dev.microkit.calls.resilience.FallbackOnlyCircuitBreakerFactory;
import dev.microkit.calls.resilience.ResilienceCapability;
import dev.microkit.calls.resilience.Resilience4jVersion;
import dev.microkit.calls.resilience.ResilienceInstances;
import dev.microkit.calls.ClientSettingsResolver;
import dev.microkit.calls.ServiceTokens;
import dev.microkit.calls.oauth2.ClientCredentialsTokens;
import dev.microkit.calls.CallsProperties;
import dev.microkit.calls.LoadBalancerTypeConverter;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.CircuitBreakerNameResolver;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestFactory;
import org.springframework.cloud.openfeign.FeignClientFactoryBean;
import org.springframework.cloud.openfeign.FeignClientSpecification;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration;
import org.springframework.cloud.openfeign.loadbalancer.LoadBalancerFeignRequestTransformer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of microkit calls: every {@code @FeignClient} and every HTTP
 * interface client made by {@link HttpInterfaceClients} and every gRPC channel made by
 * {@link GrpcClients} is load-balanced by its service's chosen balancer over instances
 * from discovery, and its calls are made under Resilience4j, a deadline, safe retries and
 * a retry budget. The policy needs no Feign; Feign clients are one kind of client under
 * it.
 */
@AutoConfiguration(before = LoadBalancerAutoConfiguration.class,
		beforeName = "org.springframework.cloud.openfeign.FeignAutoConfiguration",
		afterName = { "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
				"io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration",
				"io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterAutoConfiguration",
				"io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ LoadBalancerClients.class, CircuitBreakerRegistry.class })
@ConditionalOnBean({ CircuitBreakerRegistry.class, RetryRegistry.class })
@ConditionalOnBooleanProperty(name = "microkit.calls.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CallsProperties.class)
@LoadBalancerClients(defaultConfiguration = CallsLoadBalancerConfiguration.class)
public class CallsAutoConfiguration {

	/**
	 * Where meters go when the application has no registry: nowhere.
	 */
	private static final MeterRegistry NO_METERS = new CompositeMeterRegistry();

	@Bean
	static LoadBalancerTypeConverter microkitLoadBalancerTypeConverter() {
		return new LoadBalancerTypeConverter();
	}

	@Bean
	@ConditionalOnMissingBean
	ClientSettingsResolver microkitClientSettingsResolver(Environment environment) {
		return new ClientSettingsResolver(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	InstanceLoadRegistry microkitInstanceLoadRegistry(ClientSettingsResolver settings,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new InstanceLoadRegistry(settings, meterRegistry.getIfAvailable(() -> NO_METERS));
	}

	@Bean
	@ConditionalOnMissingBean
	InstanceLoadRecorder microkitInstanceLoadRecorder(InstanceLoadRegistry registry, ProcessPauses pauses) {
		return new InstanceLoadRecorder(registry, pauses);
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessPauses microkitProcessPauses() {
		return new ProcessPauses();
	}

	@Bean
	@ConditionalOnMissingBean
	InstanceWeights microkitInstanceWeights() {
		return new InstanceWeights();
	}

	@Bean
	SimpleDiscoveryWeightsCheck microkitSimpleDiscoveryWeightsCheck(
			ObjectProvider<SimpleDiscoveryProperties> discovery) {
		return new SimpleDiscoveryWeightsCheck(discovery);
	}

	@Bean
	@ConditionalOnMissingBean
	ResilienceInstances microkitResilienceInstances(Environment environment, CircuitBreakerRegistry circuitBreakers,
			RetryRegistry retries, ObjectProvider<BulkheadRegistry> bulkheads,
			ObjectProvider<RateLimiterRegistry> rateLimiters, ObjectProvider<TimeLimiterRegistry> timeLimiters) {
		return new ResilienceInstances(environment, circuitBreakers, retries, bulkheads, rateLimiters, timeLimiters);
	}

	@Bean
	Resilience4jVersion microkitResilience4jVersion() {
		return new Resilience4jVersion();
	}

	@Bean
	@ConditionalOnMissingBean
	ClientCallPolicies microkitClientCallPolicies(ClientSettingsResolver settings, ResilienceInstances resilience,
			Environment environment, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<ServiceTokens> tokens) {
		return new ClientCallPolicies(settings, resilience, environment, meterRegistry.getIfAvailable(() -> NO_METERS),
				tokens.getIfAvailable(() -> ServiceTokens.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientRegistrationRepository.class)
	static class OAuth2TokensConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServiceTokens microkitServiceTokens(ObjectProvider<ClientRegistrationRepository> registrations,
				ClientSettingsResolver settings, ObjectProvider<MeterRegistry> meterRegistry) {
			return new ClientCredentialsTokens(registrations, settings, meterRegistry.getIfAvailable(() -> NO_METERS));
		}

	}

	@Bean
	ClientCallPoliciesInitializer microkitClientCallPoliciesInitializer(ClientCallPolicies policies,
			CallsProperties properties, ConfigurableListableBeanFactory beanFactory, Environment environment,
			ObjectProvider<LoadBalancerClientFactory> loadBalancers) {
		return new ClientCallPoliciesInitializer(policies, properties, beanFactory, environment, loadBalancers);
	}

	@Bean
	@ConditionalOnMissingBean
	HttpInterfaceClients microkitHttpInterfaceClients(ObjectProvider<RestClient.Builder> builders,
			ClientCallPolicies policies, ObjectProvider<LoadBalancerClient> loadBalancer,
			ObjectProvider<LoadBalancerRequestFactory> requestFactory) {
		return new HttpInterfaceClients(builders, policies, loadBalancer, requestFactory);
	}

	/**
	 * gRPC clients under the call policy, where grpc-java's stubs are.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.grpc.Channel", "io.grpc.stub.ClientCalls" })
	static class GrpcClientsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcClients microkitGrpcClients(ClientCallPolicies policies, ClientSettingsResolver settings,
				ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<DiscoveryClient> discovery,
				BeanFactory beanFactory) {
			return new GrpcClients(policies, settings, loadBalancer, discovery, InstanceChannelFactory.of(beanFactory));
		}

	}

	/**
	 * Feign clients under the call policy, where Spring Cloud OpenFeign is.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(FeignClientFactoryBean.class)
	static class FeignClientsConfiguration {

		@Bean
		static RoutingFeignLoadBalancerClientPostProcessor microkitRoutingFeignLoadBalancerClient(
				ObjectProvider<LoadBalancerClient> loadBalancerClient,
				ObjectProvider<LoadBalancerClientFactory> loadBalancers,
				ObjectProvider<LoadBalancerFeignRequestTransformer> transformers) {
			return new RoutingFeignLoadBalancerClientPostProcessor(loadBalancerClient, loadBalancers, transformers);
		}

		@Bean
		@ConditionalOnMissingBean
		ResilienceCapability microkitResilienceCapability(ClientCallPolicies policies) {
			return new ResilienceCapability(policies);
		}

		// Every Feign client's context gets the configuration, as @EnableFeignClients'
		// defaultConfiguration would give it.
		@Bean
		FeignClientSpecification microkitFeignDecoderSpecification() {
			return new FeignClientSpecification("default." + FeignDecoderConfiguration.class.getName(), "default",
					new Class<?>[] { FeignDecoderConfiguration.class });
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingBean(CircuitBreakerFactory.class)
		static class FallbackOnlyCircuitBreakerConfiguration {

			@Bean
			FallbackOnlyCircuitBreakerFactory microkitFallbackCircuitBreakerFactory() {
				return new FallbackOnlyCircuitBreakerFactory();
			}

			@Bean
			@ConditionalOnMissingBean
			CircuitBreakerNameResolver microkitCircuitBreakerNameResolver() {
				return new ClientNameCircuitBreakerNameResolver();
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(HttpClientBuilder.class)
		static class HttpClient5Configuration {

			// Apache HttpClient retries idempotent requests and 503 answers on the same
			// instance by itself, a second later; microkit retries, elsewhere and sooner.
			@Bean
			HttpClient5FeignConfiguration.HttpClientBuilderCustomizer microkitNoAutomaticRetries() {
				return HttpClientBuilder::disableAutomaticRetries;
			}

		}

	}

}
