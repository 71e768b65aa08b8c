package dev.microkit.console.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.microkit.console.ConsoleController;
import dev.microkit.console.ConsoleSampler;

/**
 * Serves the console where actuator serves its endpoints: on the management port when
 * {@code management.server.port} sets one (the application's port then has no
 * {@code /microkit/}), else beside the application.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("microkit.console.enabled")
public class ConsoleManagementContextConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConsoleController microkitConsoleController(ConsoleSampler sampler, Environment environment) {
		return new ConsoleController(sampler, environment.getProperty("spring.application.name", "application"));
	}

}
