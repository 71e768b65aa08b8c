package dev.microkit.calls.autoconfigure;

import java.util.concurrent.TimeUnit;

import dev.microkit.calls.resilience.SuccessSkippingEventConsumerRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnErrorEvent;
import io.github.resilience4j.consumer.DefaultEventConsumerRegistry;
import io.github.resilience4j.consumer.EventConsumerRegistry;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CallsCircuitBreakerEventsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CallsCircuitBreakerEventsAutoConfiguration.class,
				CircuitBreakerAutoConfiguration.class));

	@Test
	void theActuatorsEventBufferKeepsFailuresButNotSuccesses() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(EventConsumerRegistry.class)
				.isInstanceOf(SuccessSkippingEventConsumerRegistry.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
			breaker.onSuccess(1, TimeUnit.MILLISECONDS);
			breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("down"));
			breaker.onSuccess(1, TimeUnit.MILLISECONDS);
			@SuppressWarnings("unchecked")
			EventConsumerRegistry<CircuitBreakerEvent> events = context.getBean(EventConsumerRegistry.class);
			assertThat(events.getEventConsumer("backend").getBufferedEvents()).singleElement()
				.isInstanceOf(CircuitBreakerOnErrorEvent.class);
			assertThat(events.getAllEventConsumer()).hasSize(1);
		});
	}

	@Test
	void anApplicationsOwnRegistryWins() {
		this.contextRunner.withUserConfiguration(OwnRegistry.class).run((context) -> {
			assertThat(context).getBean(EventConsumerRegistry.class).isInstanceOf(DefaultEventConsumerRegistry.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
			breaker.onSuccess(1, TimeUnit.MILLISECONDS);
			@SuppressWarnings("unchecked")
			EventConsumerRegistry<CircuitBreakerEvent> events = context.getBean(EventConsumerRegistry.class);
			assertThat(events.getEventConsumer("backend").getBufferedEvents()).hasSize(1);
		});
	}

	@Test
	void isLeftOutWhenCallsAreSwitchedOff() {
		this.contextRunner.withPropertyValues("microkit.calls.enabled=false")
			.run((context) -> assertThat(context).getBean(EventConsumerRegistry.class)
				.isNotInstanceOf(SuccessSkippingEventConsumerRegistry.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistry {

		@Bean
		EventConsumerRegistry<CircuitBreakerEvent> ownCircuitBreakerEvents() {
			return new DefaultEventConsumerRegistry<>();
		}

	}

}
