package dev.microkit.deployment;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ definitions, as {@code rabbitmqctl export_definitions} writes them: what
 * RabbitMQ imports in Docker Compose, and what the Kubernetes overlay's Messaging
 * Topology Operator resources must declare alike.
 */
record RabbitMqDefinitions(Map<String, Object> json) {

	/**
	 * The definitions Docker Compose's RabbitMQ imports.
	 */
	static final String COMPOSE = "docker/rabbitmq/definitions.json";

	@SuppressWarnings("unchecked")
	static RabbitMqDefinitions read(String relative) {
		try {
			return new RabbitMqDefinitions(new ObjectMapper().readValue(Project.read(relative), Map.class));
		}
		catch (Exception ex) {
			throw new IllegalStateException(relative + " is no JSON", ex);
		}
	}

	@SuppressWarnings("unchecked")
	<T> T get(String key) {
		return (T) this.json.get(key);
	}

	List<Map<String, Object>> users() {
		return get("users");
	}

	Map<String, Object> user(String name) {
		return users().stream()
			.filter((user) -> name.equals(user.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No RabbitMQ user " + name));
	}

	Map<String, Object> permission(Object user, Object vhost) {
		List<Map<String, Object>> permissions = this.<List<Map<String, Object>>>get("permissions")
			.stream()
			.filter((permission) -> user.equals(permission.get("user")))
			.toList();
		assertThat(permissions).as(user + "'s permissions").singleElement();
		assertThat(permissions.get(0)).containsEntry("vhost", vhost);
		return permissions.get(0);
	}

}
