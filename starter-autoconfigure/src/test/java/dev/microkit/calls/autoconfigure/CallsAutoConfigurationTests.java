package dev.microkit.calls.autoconfigure;

import dev.microkit.calls.CallsProperties;
import dev.microkit.calls.grpc.GrpcClients;
import dev.microkit.calls.http.HttpInterfaceClients;
import dev.microkit.calls.instances.InstanceLoadRecorder;
import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.instances.ProcessPauses;
import dev.microkit.calls.resilience.ClientCallPolicies;
import dev.microkit.calls.resilience.ClientNameCircuitBreakerNameResolver;
import dev.microkit.calls.resilience.FallbackOnlyCircuitBreakerFactory;
import dev.microkit.calls.resilience.ResilienceCapability;
import dev.microkit.calls.resilience.ResilienceInstances;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;
import org.springframework.cloud.openfeign.CircuitBreakerNameResolver;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CallsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CallsAutoConfiguration.class, CircuitBreakerAutoConfiguration.class,
				RetryAutoConfiguration.class, BulkheadAutoConfiguration.class, RateLimiterAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class));

	@Test
	void decoratesFeignClients() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ResilienceCapability.class);
			assertThat(context).hasSingleBean(ClientCallPolicies.class);
			assertThat(context).hasSingleBean(HttpInterfaceClients.class);
			assertThat(context).hasSingleBean(InstanceLoadRegistry.class);
			assertThat(context).hasSingleBean(InstanceLoadRecorder.class);
			assertThat(context.getBean(ProcessPauses.class).isRunning()).isTrue();
			assertThat(context).hasSingleBean(FallbackOnlyCircuitBreakerFactory.class);
			assertThat(context).getBean(CircuitBreakerNameResolver.class)
				.isInstanceOf(ClientNameCircuitBreakerNameResolver.class);
			assertThat(context).hasSingleBean(CallsProperties.class);
		});
	}

	@Test
	void defaultCircuitBreakersUseTheLockFreeWindowAndConfiguredOnesKeepTheirSettings() {
		this.contextRunner.withPropertyValues("resilience4j.circuitbreaker.instances.configured.sliding-window-size=5")
			.run((context) -> {
				ResilienceInstances instances = context.getBean(ResilienceInstances.class);
				CircuitBreakerConfig defaults = instances.circuitBreaker("unconfigured").getCircuitBreakerConfig();
				assertThat(defaults.getSlidingWindowSynchronizationStrategy())
					.isEqualTo(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE);
				assertThat(defaults.getSlidingWindowSize()).isEqualTo(20);
				CircuitBreakerConfig configured = instances.circuitBreaker("configured").getCircuitBreakerConfig();
				assertThat(configured.getSlidingWindowSize()).isEqualTo(5);
				assertThat(configured.getSlidingWindowSynchronizationStrategy())
					.isEqualTo(CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SYNCHRONIZATION_STRATEGY);
			});
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("microkit.calls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceCapability.class)
				.doesNotHaveBean(CallsProperties.class));
	}

	@Test
	void keepsThePolicyForHttpInterfaceClientsWithoutSpringCloudOpenFeign() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("feign.", "org.springframework.cloud.openfeign."))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ResilienceCapability.class)
				.doesNotHaveBean(FallbackOnlyCircuitBreakerFactory.class)
				.hasSingleBean(ClientCallPolicies.class)
				.hasSingleBean(HttpInterfaceClients.class)
				.hasSingleBean(InstanceLoadRecorder.class));
	}

	@Test
	void makesGrpcChannelsWhereGrpcStubsAre() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(GrpcClients.class));
	}

	@Test
	void leavesGrpcOutWithoutGrpcJava() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.grpc."))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GrpcClients.class)
				.hasSingleBean(ClientCallPolicies.class));
	}

	@Test
	void backsOffWithoutResilience4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceCapability.class));
	}

	@Test
	void backsOffWithoutResilience4jsSpringBootRegistries() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CallsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResilienceCapability.class));
	}

	@Test
	void turnsOffApacheHttpClientRetriesWhenItIsPresent() {
		this.contextRunner.run((context) -> assertThat(context)
			.hasSingleBean(HttpClient5FeignConfiguration.HttpClientBuilderCustomizer.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClientBuilder.class))
			.run((context) -> assertThat(context)
				.doesNotHaveBean(HttpClient5FeignConfiguration.HttpClientBuilderCustomizer.class));
	}

	@Test
	void applicationCircuitBreakerFactoryReplacesTheFallbackOnlyOne() {
		this.contextRunner.withUserConfiguration(OwnCircuitBreakerFactory.class).run((context) -> {
			assertThat(context).doesNotHaveBean(FallbackOnlyCircuitBreakerFactory.class);
			assertThat(context).doesNotHaveBean(ClientNameCircuitBreakerNameResolver.class);
			assertThat(context).hasSingleBean(CircuitBreakerFactory.class);
		});
	}

	@Test
	void applicationBeansReplaceMicrokitOnes() {
		this.contextRunner.withUserConfiguration(OwnRegistry.class)
			.run((context) -> assertThat(context.getBean(InstanceLoadRegistry.class))
				.isSameAs(context.getBean(OwnRegistry.class).registry));
	}

	@Test
	void exposesTheCallsEndpointWhenAsked() {
		ApplicationContextRunner withEndpoints = this.contextRunner
			.withConfiguration(AutoConfigurations.of(CallsEndpointAutoConfiguration.class,
					EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class));
		withEndpoints.run((context) -> assertThat(context).doesNotHaveBean(CallsEndpoint.class));
		withEndpoints.withPropertyValues("management.endpoints.web.exposure.include=calls")
			.run((context) -> assertThat(context).hasSingleBean(CallsEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCircuitBreakerFactory {

		@Bean
		CircuitBreakerFactory<Object, ConfigBuilder<Object>> ownCircuitBreakerFactory() {
			return new CircuitBreakerFactory<>() {

				@Override
				public CircuitBreaker create(String id) {
					return null;
				}

				@Override
				protected ConfigBuilder<Object> configBuilder(String id) {
					return null;
				}

				@Override
				public void configureDefault(java.util.function.Function<String, Object> defaultConfiguration) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistry {

		final InstanceLoadRegistry registry = new InstanceLoadRegistry(null,
				new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

		@Bean
		InstanceLoadRegistry ownInstanceLoadRegistry() {
			return this.registry;
		}

	}

}
