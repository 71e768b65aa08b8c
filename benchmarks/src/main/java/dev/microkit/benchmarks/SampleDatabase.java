package dev.microkit.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples' databases for one run: a schema of its own for each service on the local
 * PostgreSQL server (database {@code test}, trust authentication), dropped when the run
 * is done. Every instance of a service shares its schema, as they share a database in
 * production.
 */
final class SampleDatabase implements AutoCloseable {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String USER = "postgres";

	private final String prefix = "microkit_samples_" + ProcessHandle.current().pid() + "_";

	private final List<String> schemas = new ArrayList<>();

	/**
	 * @throws SQLException when the server does not answer
	 */
	SampleDatabase() throws SQLException {
		try (Connection connection = connect()) {
			connection.isValid(2);
		}
	}

	/**
	 * Creates a fresh schema for a service.
	 * @return the service's command-line arguments that point it there
	 */
	List<String> schema(String service) throws SQLException {
		String schema = this.prefix + service;
		execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
		this.schemas.add(schema);
		return List.of("--spring.datasource.url=" + URL + "?currentSchema=" + schema,
				"--spring.datasource.username=" + USER, "--spring.datasource.password=");
	}

	@Override
	public void close() throws SQLException {
		for (String schema : this.schemas) {
			execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}

	private void execute(String... statements) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static Connection connect() throws SQLException {
		DriverManager.setLoginTimeout(2);
		return DriverManager.getConnection(URL, USER, "");
	}

}
