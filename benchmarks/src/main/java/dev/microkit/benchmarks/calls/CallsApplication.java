package dev.microkit.benchmarks.calls;

import java.util.ArrayList;
import java.util.List;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application with the starter whose {@code backend} client has the given instances:
 * the whole stack a user gets, Feign to Resilience4j to the balancer to HttpClient 5.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = BackendClient.class)
public class CallsApplication {

	/**
	 * Starts the application with an HTTP client that answers from memory.
	 */
	static ConfigurableApplicationContext startInMemory(List<String> instanceUris, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("benchmark.in-memory-http=true");
		return start(instanceUris, "peak-ewma", all.toArray(String[]::new));
	}

	@Bean
	@ConditionalOnBooleanProperty("benchmark.in-memory-http")
	CloseableHttpClient inMemoryHttpClient() {
		return new InMemoryHttpClient();
	}

	/**
	 * The {@code backend} client's instances and balancer, quietly.
	 */
	static List<String> backend(List<String> instanceUris, String loadBalancer) {
		List<String> properties = new ArrayList<>();
		for (int i = 0; i < instanceUris.size(); i++) {
			properties
				.add("spring.cloud.discovery.client.simple.instances.backend[" + i + "].uri=" + instanceUris.get(i));
		}
		properties.add("microkit.calls.clients.backend.load-balancer=" + loadBalancer);
		properties.add("spring.main.banner-mode=off");
		properties.add("logging.level.root=warn");
		return properties;
	}

	static ConfigurableApplicationContext start(List<String> instanceUris, String loadBalancer, String... properties) {
		List<String> all = backend(instanceUris, loadBalancer);
		all.add("spring.cloud.refresh.enabled=false");
		all.add("microkit.events.enabled=false");
		all.add("spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
				+ "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration");
		all.add("spring.cloud.openfeign.httpclient.hc5.pool-concurrency-policy=lax");
		all.add("spring.cloud.openfeign.httpclient.max-connections=1000");
		all.add("spring.cloud.openfeign.httpclient.max-connections-per-route=200");
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(CallsApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
