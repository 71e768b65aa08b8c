package dev.microkit.events;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application with the starter and {@link RecordingHandlers}, connected to a broker.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EventsTestApplication {

	@Bean
	RecordingHandlers recordingHandlers() {
		return new RecordingHandlers();
	}

	public static ConfigurableApplicationContext run(String bootstrapServers, String... properties) {
		return run(new Class<?>[0], bootstrapServers, properties);
	}

	/**
	 * Runs the application with more configuration, such as a Testcontainers
	 * {@code @ServiceConnection}, whose connection details then win over the bootstrap
	 * servers property.
	 */
	public static ConfigurableApplicationContext run(Class<?>[] moreSources, String bootstrapServers,
			String... properties) {
		List<String> all = new ArrayList<>();
		all.add("spring.kafka.bootstrap-servers=" + bootstrapServers);
		all.add("spring.application.name=events-test");
		all.add("spring.main.banner-mode=off");
		all.add("microkit.events.retry.initial-interval=50ms");
		all.add("microkit.events.retry.max-interval=100ms");
		all.addAll(List.of(properties));
		List<Class<?>> sources = new ArrayList<>(List.of(EventsTestApplication.class));
		sources.addAll(List.of(moreSources));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
