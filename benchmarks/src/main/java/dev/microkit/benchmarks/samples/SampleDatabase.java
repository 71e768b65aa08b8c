package dev.microkit.benchmarks.samples;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.microkit.testsupport.postgres.PostgresServer;

/**
 * The samples' databases for one run: a schema of its own for each service on the
 * {@link PostgresServer#LOCAL local PostgreSQL}, dropped when the run is done. Every
 * instance of a service shares its schema, as they share a database in production.
 */
final class SampleDatabase implements AutoCloseable {

	private final String prefix = "microkit_samples_" + ProcessHandle.current().pid() + "_";

	private final List<String> schemas = new ArrayList<>();

	/**
	 * @throws SQLException when the server does not answer
	 */
	SampleDatabase() throws SQLException {
		PostgresServer.LOCAL.ping();
	}

	/**
	 * Creates a fresh schema for a service.
	 * @return the service's command-line arguments that point it there
	 */
	List<String> schema(String service) throws SQLException {
		String schema = schemaOf(service);
		PostgresServer.LOCAL.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
		this.schemas.add(schema);
		return PostgresServer.LOCAL.datasourceProperties(schema).stream().map((property) -> "--" + property).toList();
	}

	/**
	 * The schema of a service.
	 */
	String schemaOf(String service) {
		return this.prefix + service;
	}

	@Override
	public void close() throws SQLException {
		for (String schema : this.schemas) {
			PostgresServer.LOCAL.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}

}
