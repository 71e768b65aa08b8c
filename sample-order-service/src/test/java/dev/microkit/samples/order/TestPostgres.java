package dev.microkit.samples.order;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for repository tests: a Testcontainers one where Docker is available,
 * else the server on 127.0.0.1:5432 (database {@code test}, trust authentication). Each
 * test class gets a schema of its own, which Flyway creates.
 */
final class TestPostgres {

	private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static PostgreSQLContainer<?> container;

	private TestPostgres() {
	}

	static boolean available() {
		return DockerClientFactory.instance().isDockerAvailable() || localServerAnswers();
	}

	static synchronized void register(DynamicPropertyRegistry registry) {
		String schema = "order" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		if (DockerClientFactory.instance().isDockerAvailable()) {
			if (container == null) {
				container = new PostgreSQLContainer<>("postgres:16-alpine");
				container.start();
			}
			registry.add("spring.datasource.url", () -> container.getJdbcUrl() + "&currentSchema=" + schema);
			registry.add("spring.datasource.username", container::getUsername);
			registry.add("spring.datasource.password", container::getPassword);
		}
		else {
			registry.add("spring.datasource.url", () -> LOCAL_URL + "?currentSchema=" + schema);
			registry.add("spring.datasource.username", () -> "postgres");
		}
		registry.add("spring.flyway.schemas", () -> schema);
	}

	private static boolean localServerAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
