package dev.microkit.benchmarks;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The database of one events benchmark: a schema of its own on the {@link LocalPostgres}
 * server, dropped when closed, or an in-memory H2 database when that server does not
 * answer.
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
		String schema = "microkit_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE SCHEMA " + schema);
		return new EventsDatabase("PostgreSQL", schema, List.of("spring.datasource.url=" + LocalPostgres.url(schema),
				"spring.datasource.username=" + LocalPostgres.USER, "spring.datasource.password=",
				"microkit.events.jdbc.initialize-schema=always"));
	}

	/**
	 * PostgreSQL when it answers, else H2 in memory.
	 */
	static EventsDatabase postgresOrH2() {
		if (LocalPostgres.answers()) {
			return postgres();
		}
		String database = "events-" + UUID.randomUUID();
		return new EventsDatabase("H2 (PostgreSQL at " + LocalPostgres.address() + " did not answer)", null,
				List.of("spring.datasource.url=jdbc:h2:mem:" + database,
						"microkit.events.jdbc.initialize-schema=always"));
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
			LocalPostgres.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + LocalPostgres.URL, ex);
		}
	}

}
