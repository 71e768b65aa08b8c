package dev.microkit.events;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: a Testcontainers one where Docker is available, else the
 * server on 127.0.0.1:5432 when one answers (database {@code test}, trust
 * authentication). Each call gets a schema of its own, so tests never see each other's
 * rows. Tests are skipped when neither exists.
 */
public final class PostgresTestDatabase {

	private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static PostgreSQLContainer<?> container;

	private PostgresTestDatabase() {
	}

	/**
	 * Spring properties of a fresh schema.
	 * @return the datasource properties
	 */
	public static synchronized List<String> freshSchema() {
		String url;
		String user;
		String password;
		if (DockerClientFactory.instance().isDockerAvailable()) {
			if (container == null) {
				container = new PostgreSQLContainer<>("postgres:16-alpine");
				container.start();
			}
			url = container.getJdbcUrl();
			user = container.getUsername();
			password = container.getPassword();
		}
		else {
			Assumptions.assumeTrue(localServerAnswers(), "Neither Docker nor a PostgreSQL server on 127.0.0.1:5432");
			url = LOCAL_URL;
			user = "postgres";
			password = "";
		}
		String schema = "microkit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		createSchema(url, user, password, schema);
		String separator = url.contains("?") ? "&" : "?";
		return List.of("spring.datasource.url=" + url + separator + "currentSchema=" + schema,
				"spring.datasource.username=" + user, "spring.datasource.password=" + password,
				"microkit.events.jdbc.initialize-schema=always");
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

	private static void createSchema(String url, String user, String password, String schema) {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create schema " + schema + " at " + url, ex);
		}
	}

}
