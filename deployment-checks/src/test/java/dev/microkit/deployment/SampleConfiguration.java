package dev.microkit.deployment;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.Yaml;

/**
 * A sample service's {@code application.yml} (and its profiles), flattened to Spring's
 * dotted property names.
 */
final class SampleConfiguration {

	private final String module;

	private final Map<String, Object> properties;

	private SampleConfiguration(String module, Map<String, Object> properties) {
		this.module = module;
		this.properties = properties;
	}

	static SampleConfiguration inventory() {
		return of("sample-inventory-service");
	}

	static SampleConfiguration order() {
		return of("sample-order-service");
	}

	/**
	 * The samples' token issuer.
	 */
	static SampleConfiguration authorizationServer() {
		return of("sample-authorization-server");
	}

	private static SampleConfiguration of(String module) {
		return new SampleConfiguration(module, load(module, "application.yml"));
	}

	/**
	 * This configuration with a profile's file applied over it.
	 */
	SampleConfiguration withProfile(String profile) {
		Map<String, Object> merged = new LinkedHashMap<>(this.properties);
		merged.putAll(load(this.module, "application-" + profile + ".yml"));
		return new SampleConfiguration(this.module, merged);
	}

	boolean hasProfile(String profile) {
		return Files.exists(Project.file(resource(this.module, "application-" + profile + ".yml")));
	}

	String get(String name) {
		Object value = this.properties.get(name);
		return (value != null) ? value.toString() : null;
	}

	int serverPort() {
		return Integer.parseInt(get("server.port"));
	}

	int grpcPort() {
		return Integer.parseInt(get("spring.grpc.server.port"));
	}

	String applicationName() {
		return Objects.requireNonNull(get("spring.application.name"), () -> this.module + " has no application name");
	}

	/**
	 * The service's consumer group, on Kafka and RabbitMQ: its application name, unless
	 * {@code microkit.events.group} names another.
	 */
	String group() {
		return (get("microkit.events.group") != null) ? get("microkit.events.group") : applicationName();
	}

	/**
	 * The topics of the events the service publishes. Each sample is named after the
	 * entity whose events it publishes ({@code order-service} publishes {@code order.*}),
	 * and {@code microkit.events.routes.<entity>} names their topic.
	 */
	List<String> publishedTopics() {
		String entity = applicationName().substring(0, applicationName().lastIndexOf("-service"));
		String topic = get("microkit.events.routes." + entity);
		return List.of(Objects.requireNonNull(topic, () -> this.module + " routes no events of " + entity));
	}

	/**
	 * The topics of the events the service handles: the samples handle each other's
	 * events, that is every routed topic but their own.
	 */
	List<String> handledTopics() {
		return routedTopics().stream().filter((topic) -> !publishedTopics().contains(topic)).toList();
	}

	/**
	 * Whether the service sends requests by event and so has reply topics or queues of
	 * its own ({@code <group>.replies.<uuid>}): the samples that do open them at start.
	 */
	boolean sendsRequests() {
		return "true".equals(get("microkit.events.replies.open-at-start"));
	}

	/**
	 * The topics the service's events are routed to.
	 */
	List<String> routedTopics() {
		return this.properties.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("microkit.events.routes."))
			.map((entry) -> entry.getValue().toString())
			.distinct()
			.toList();
	}

	private static Map<String, Object> load(String module, String file) {
		Map<String, Object> yaml = new Yaml().load(Project.read(resource(module, file)));
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", yaml, flat);
		return flat;
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> flat) {
		map.forEach((key, value) -> {
			String name = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> nested) {
				flatten(name, (Map<String, Object>) nested, flat);
			}
			else {
				flat.put(name, value);
			}
		});
	}

	private static String resource(String module, String file) {
		return module + "/src/main/resources/" + file;
	}

}
