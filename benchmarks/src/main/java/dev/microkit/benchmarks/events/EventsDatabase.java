package dev.microkit.benchmarks.events;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.microkit.testsupport.postgres.PostgresServer;

/**
 * The database of one events benchmark: a schema of its own on the
 * {@link PostgresServer#LOCAL local PostgreSQL}, dropped when closed, or an in-memory H2
 * database when that server does not answer.
 */
final class EventsDatabase implements AutoCloseable {

	private final String name;

	private final String schema;

	private final List<String> properties;

	private EventsDatabase(String name, String schema, List<String> properties) {
		this.name = name;
		this.schema = schema;
		this.properties = properties;
	}

	/**
	 * A fresh schema on PostgreSQL.
	 */
	static EventsDatabase postgres() {
		String schema = PostgresServer.uniqueSchemaName("microkit_bench_");
		execute("CREATE SCHEMA " + schema);
		List<String> properties = new ArrayList<>(PostgresServer.LOCAL.datasourceProperties(schema));
		properties.add("microkit.events.jdbc.initialize-schema=always");
		return new EventsDatabase("PostgreSQL", schema, List.copyOf(properties));
	}

	/**
	 * PostgreSQL when it answers, else H2 in memory.
	 */
	static EventsDatabase postgresOrH2() {
		if (PostgresServer.LOCAL.answers()) {
			return postgres();
		}
		String database = "events-" + UUID.randomUUID();
		return new EventsDatabase("H2 (PostgreSQL at " + PostgresServer.LOCAL.address() + " did not answer)", null, List
			.of("spring.datasource.url=jdbc:h2:mem:" + database, "microkit.events.jdbc.initialize-schema=always"));
	}

	boolean isPostgres() {
		return this.schema != null;
	}

	String name() {
		return this.name;
	}

	List<String> properties() {
		return this.properties;
	}

	@Override
	public void close() {
		if (this.schema != null) {
			execute("DROP SCHEMA " + this.schema + " CASCADE");
		}
	}

	private static void execute(String sql) {
		try {
			PostgresServer.LOCAL.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + PostgresServer.LOCAL.jdbcUrl(), ex);
		}
	}

}
