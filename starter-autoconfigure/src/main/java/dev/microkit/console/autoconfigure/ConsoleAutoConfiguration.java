package dev.microkit.console.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.microkit.calls.autoconfigure.CallsAutoConfiguration;
import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.resilience.ClientCallPolicies;
import dev.microkit.console.ConsoleProperties;
import dev.microkit.console.ConsoleSampler;

/**
 * The live console's sampler, with {@code microkit.console.enabled=true} in a servlet web
 * application; {@link ConsoleManagementContextConfiguration} serves the page.
 */
@AutoConfiguration(after = { CallsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnBooleanProperty("microkit.console.enabled")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConsoleSampler microkitConsoleSampler(ObjectProvider<InstanceLoadRegistry> loads,
			ObjectProvider<ClientCallPolicies> policies, ObjectProvider<MeterRegistry> meters) {
		return new ConsoleSampler(loads.getIfAvailable(), policies.getIfAvailable(),
				meters.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
	}

}
