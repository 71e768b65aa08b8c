package dev.microkit.testsupport.postgres;

import java.sql.SQLException;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL of the project's tests: a Testcontainers one where Docker is available,
 * else {@link PostgresServer#LOCAL} when it answers; a test that needs it is skipped when
 * neither is there. Each test gets a schema of its own, so that none sees another's rows.
 */
public final class TestPostgres {

	private static final String IMAGE = "postgres:16-alpine";

	private static PostgreSQLContainer<?> container;

	private TestPostgres() {
	}

	/**
	 * Whether there is a PostgreSQL for tests, for {@code @EnabledIf}.
	 */
	public static boolean available() {
		return DockerClientFactory.instance().isDockerAvailable() || PostgresServer.LOCAL.answers();
	}

	/**
	 * The server, a container started when first asked for where Docker is available.
	 * @return the server
	 * @throws org.opentest4j.TestAbortedException when there is none, which skips the
	 * test
	 */
	public static synchronized PostgresServer server() {
		if (DockerClientFactory.instance().isDockerAvailable()) {
			if (container == null) {
				container = new PostgreSQLContainer<>(IMAGE);
				container.start();
			}
			return new PostgresServer(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
					container.getDatabaseName(), container.getUsername(), container.getPassword());
		}
		Assumptions.assumeTrue(PostgresServer.LOCAL.answers(),
				"Neither Docker nor a PostgreSQL server on " + PostgresServer.LOCAL.address());
		return PostgresServer.LOCAL;
	}

	/**
	 * Creates a new schema on {@link #server()}.
	 * @param prefix the start of its name
	 * @return its name
	 */
	public static String freshSchema(String prefix) {
		PostgresServer server = server();
		String schema = PostgresServer.uniqueSchemaName(prefix);
		try {
			server.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create schema " + schema + " at " + server.jdbcUrl(), ex);
		}
		return schema;
	}

	/**
	 * Points a Spring test's datasource at a new schema of {@link #server()}, which
	 * Flyway creates and migrates.
	 * @param prefix the start of the schema's name
	 */
	public static void register(DynamicPropertyRegistry registry, String prefix) {
		PostgresServer server = server();
		String schema = PostgresServer.uniqueSchemaName(prefix);
		registry.add("spring.datasource.url", () -> server.jdbcUrl(schema));
		registry.add("spring.datasource.username", server::user);
		registry.add("spring.datasource.password", server::password);
		registry.add("spring.flyway.schemas", () -> schema);
	}

}
