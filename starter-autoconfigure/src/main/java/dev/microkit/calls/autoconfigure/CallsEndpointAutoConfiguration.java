package dev.microkit.calls.autoconfigure;

import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.resilience.ClientCallPolicies;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The read-only actuator endpoint {@code calls}.
 */
@AutoConfiguration(after = CallsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ InstanceLoadRegistry.class, ClientCallPolicies.class })
@ConditionalOnAvailableEndpoint(CallsEndpoint.class)
public class CallsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CallsEndpoint callsEndpoint(InstanceLoadRegistry loads, ClientCallPolicies policies) {
		return new CallsEndpoint(loads, policies);
	}

}
