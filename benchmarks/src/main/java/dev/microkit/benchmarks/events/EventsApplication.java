package dev.microkit.benchmarks.events;

import java.util.ArrayList;
import java.util.List;

import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application with the starter's events connected to the in-process broker: the
 * publisher, handlers, idempotent consumer store and outbox a user gets.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EventsApplication {

	/**
	 * Starts the application.
	 * @param handlers beans with {@code @EventHandler} methods, if any
	 * @param properties more configuration, such as routes and a datasource
	 */
	static ConfigurableApplicationContext start(List<Class<?>> handlers, List<String> properties) {
		List<String> all = new ArrayList<>();
		all.add("spring.kafka.bootstrap-servers=" + InProcessKafkaBroker.shared().bootstrapServers());
		all.add("spring.application.name=events-benchmark");
		all.add("spring.main.banner-mode=off");
		all.add("logging.level.root=warn");
		all.add("spring.cloud.refresh.enabled=false");
		// events only: the AOP that Resilience4j's annotations need costs seconds of
		// startup
		all.add("microkit.calls.enabled=false");
		all.add("spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.aop.AopAutoConfiguration");
		all.addAll(properties);
		List<Class<?>> sources = new ArrayList<>(List.of(EventsApplication.class));
		sources.addAll(handlers);
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
