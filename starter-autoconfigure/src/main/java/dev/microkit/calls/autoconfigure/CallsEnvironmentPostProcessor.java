package dev.microkit.calls.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets the Spring Cloud defaults microkit calls rely on, at the lowest precedence so that
 * any application setting wins:
 * <ul>
 * <li>{@code spring.cloud.openfeign.circuitbreaker.enabled=true}, which is how Spring
 * Cloud OpenFeign applies {@code @FeignClient} fallbacks;</li>
 * <li>{@code spring.cloud.loadbalancer.retry.enabled=false}: microkit retries with
 * Resilience4j, and Spring Retry (which spring-kafka brings) would retry a second time
 * underneath;</li>
 * <li>a wait of at most one second for a connection from Apache HttpClient's pool (Spring
 * Cloud's default is three minutes), so that an exhausted pool cannot hold a call past
 * its deadline.</li>
 * </ul>
 */
public class CallsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "microkitCallsDefaults";

	private static final Map<String, Object> DEFAULTS = Map.of("spring.cloud.openfeign.circuitbreaker.enabled", "true",
			"spring.cloud.loadbalancer.retry.enabled", "false");

	private static final String POOL_WAIT = "spring.cloud.openfeign.httpclient.hc5.connection-request-timeout";

	private static final String POOL_WAIT_UNIT = POOL_WAIT + "-unit";

	@Override
	public int getOrder() {
		// after the application's configuration files are loaded, to see what they set
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("microkit.calls.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> unset = new HashMap<>();
		DEFAULTS.forEach((key, value) -> {
			if (!environment.containsProperty(key)) {
				unset.put(key, value);
			}
		});
		if (!environment.containsProperty(POOL_WAIT) && !environment.containsProperty(POOL_WAIT_UNIT)) {
			unset.put(POOL_WAIT, "1");
			unset.put(POOL_WAIT_UNIT, "seconds");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, unset));
	}

}
