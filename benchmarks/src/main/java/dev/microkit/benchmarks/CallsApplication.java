package dev.microkit.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application with the starter whose {@code backend} client has the given instances:
 * the whole stack a user gets, Feign to Resilience4j to the balancer to HttpClient 5.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = BackendClient.class)
public class CallsApplication {

	static ConfigurableApplicationContext start(List<String> instanceUris, String loadBalancer, String... properties) {
		List<String> all = new ArrayList<>();
		for (int i = 0; i < instanceUris.size(); i++) {
			all.add("spring.cloud.discovery.client.simple.instances.backend[" + i + "].uri=" + instanceUris.get(i));
		}
		all.add("microkit.calls.clients.backend.load-balancer=" + loadBalancer);
		all.add("spring.main.banner-mode=off");
		all.add("logging.level.root=warn");
		all.add("spring.cloud.refresh.enabled=false");
		all.add("spring.cloud.openfeign.httpclient.hc5.pool-concurrency-policy=lax");
		all.add("spring.cloud.openfeign.httpclient.max-connections=1000");
		all.add("spring.cloud.openfeign.httpclient.max-connections-per-route=200");
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(CallsApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
