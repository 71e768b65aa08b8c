package dev.microkit.calls.autoconfigure;

import dev.microkit.calls.resilience.SuccessSkippingEventConsumerRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.consumer.EventConsumerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the circuit-breaker event buffers the actuator shows: they keep
 * every event but the successful calls (see
 * {@link SuccessSkippingEventConsumerRegistry}). Before Resilience4j's own, which backs
 * off when an application defines its {@code EventConsumerRegistry<CircuitBreakerEvent>},
 * as one may to keep successes.
 */
@AutoConfiguration(
		beforeName = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration")
@ConditionalOnClass({ CircuitBreaker.class, EventConsumerRegistry.class })
@ConditionalOnBooleanProperty(name = "microkit.calls.enabled", matchIfMissing = true)
public class CallsCircuitBreakerEventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(value = CircuitBreakerEvent.class, parameterizedContainer = EventConsumerRegistry.class)
	EventConsumerRegistry<CircuitBreakerEvent> microkitCircuitBreakerEventConsumerRegistry() {
		return new SuccessSkippingEventConsumerRegistry();
	}

}
