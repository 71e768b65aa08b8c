package dev.microkit.events.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * When events travel over RabbitMQ, makes Boot's connection factory publish with
 * correlated publisher confirms and returns
 * ({@code spring.rabbitmq.publisher-confirm-type} and
 * {@code spring.rabbitmq.publisher-returns}), at the lowest precedence so that any
 * application setting wins: a publish is complete only when RabbitMQ confirms it, and an
 * unroutable one fails instead of vanishing.
 */
public class EventsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "microkitEventsDefaults";

	private static final String TRANSPORT = "microkit.events.transport";

	private static final String KAFKA_CLIENT = "org.springframework.kafka.core.KafkaTemplate";

	private static final String RABBITMQ_CLIENT = "org.springframework.amqp.rabbit.core.RabbitTemplate";

	private static final Map<String, Object> RABBITMQ_DEFAULTS = Map.of("spring.rabbitmq.publisher-confirm-type",
			"correlated", "spring.rabbitmq.publisher-returns", "true");

	@Override
	public int getOrder() {
		// after the application's configuration files are loaded, to see what they set
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	/**
	 * The transport asked for, checked here because an unknown one, or one asked for
	 * whose client is missing, would otherwise leave the application without events and
	 * without a word.
	 */
	private static String transport(ConfigurableEnvironment environment) {
		if (!environment.containsProperty(TRANSPORT)) {
			return "kafka";
		}
		String transport = environment.getProperty(TRANSPORT, "").trim();
		if (!transport.equalsIgnoreCase("kafka") && !transport.equalsIgnoreCase("rabbitmq")) {
			throw new InvalidConfigurationPropertyValueException(TRANSPORT, transport,
					"The accepted values are kafka and rabbitmq.");
		}
		String client = transport.equalsIgnoreCase("kafka") ? KAFKA_CLIENT : RABBITMQ_CLIENT;
		if (!ClassUtils.isPresent(client, EventsEnvironmentPostProcessor.class.getClassLoader())) {
			throw new InvalidConfigurationPropertyValueException(TRANSPORT, transport,
					transport.equalsIgnoreCase("kafka")
							? "spring-kafka is not on the class path: add microkit-events-spring-boot-starter."
							: "Spring AMQP is not on the class path: add spring-boot-starter-amqp.");
		}
		return transport;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("microkit.events.enabled", Boolean.class, true)
				|| !"rabbitmq".equalsIgnoreCase(transport(environment))) {
			return;
		}
		Map<String, Object> unset = new HashMap<>();
		RABBITMQ_DEFAULTS.forEach((key, value) -> {
			if (!environment.containsProperty(key)) {
				unset.put(key, value);
			}
		});
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, unset));
	}

}
