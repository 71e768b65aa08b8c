package dev.microkit.testsupport.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A PostgreSQL server and how to log in to it; its schemas are where tests and benchmarks
 * keep their tables apart.
 *
 * @param host its host
 * @param port its port
 * @param database the database to use
 * @param user the user to log in as
 * @param password the user's password, empty for trust authentication
 */
public record PostgresServer(String host, int port, String database, String user, String password) {

	/**
	 * The server of this machine: database {@code test}, user {@code postgres}, trust
	 * authentication.
	 */
	public static final PostgresServer LOCAL = new PostgresServer("127.0.0.1", 5432, "test", "postgres", "");

	private static final String LOGIN_TIMEOUT_SECONDS = "2";

	/**
	 * A schema name no other test or run has used.
	 * @param prefix the start of the name, which 12 random hex digits follow
	 */
	public static String uniqueSchemaName(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/**
	 * Whether something accepts connections on the server's port within half a second.
	 */
	public boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The same server reached at another address, such as a proxy in front of it.
	 */
	public PostgresServer at(String host, int port) {
		return new PostgresServer(host, port, this.database, this.user, this.password);
	}

	public String address() {
		return this.host + ":" + this.port;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + address() + "/" + this.database;
	}

	/**
	 * The URL of a connection whose tables are in a schema.
	 */
	public String jdbcUrl(String schema) {
		return jdbcUrl() + "?currentSchema=" + schema;
	}

	/**
	 * Spring Boot's datasource properties for a schema, as {@code key=value}.
	 */
	public List<String> datasourceProperties(String schema) {
		return List.of("spring.datasource.url=" + jdbcUrl(schema), "spring.datasource.username=" + this.user,
				"spring.datasource.password=" + this.password);
	}

	/**
	 * Connects once.
	 * @throws SQLException when the server does not answer
	 */
	public void ping() throws SQLException {
		try (Connection connection = connect()) {
			connection.isValid(2);
		}
	}

	/**
	 * Runs statements, such as {@code CREATE SCHEMA}, on one connection.
	 */
	public void execute(String... statements) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		properties.setProperty("password", this.password);
		properties.setProperty("loginTimeout", LOGIN_TIMEOUT_SECONDS);
		return DriverManager.getConnection(jdbcUrl(), properties);
	}

}
