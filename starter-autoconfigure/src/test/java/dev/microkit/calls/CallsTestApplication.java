package dev.microkit.calls;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.testsupport.http.LoopbackBackend;

/**
 * An application with the starter and a Feign client to {@code backend}, whose instances
 * are the given loopback servers listed in the simple discovery client.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = BackendClient.class)
public class CallsTestApplication {

	public static ConfigurableApplicationContext run(List<LoopbackBackend> backends, String... properties) {
		return run(CallsTestApplication.class, backends, properties);
	}

	public static ConfigurableApplicationContext run(Class<?> application, List<LoopbackBackend> backends,
			String... properties) {
		List<String> all = new ArrayList<>();
		for (int i = 0; i < backends.size(); i++) {
			all.add("spring.cloud.discovery.client.simple.instances.backend[" + i + "].uri=" + backends.get(i).uri());
		}
		all.add("spring.main.banner-mode=off");
		all.add("spring.cloud.refresh.enabled=false");
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
