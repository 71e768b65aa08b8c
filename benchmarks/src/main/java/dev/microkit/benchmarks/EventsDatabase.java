package dev.microkit.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The database of one events benchmark: a schema of its own on the local PostgreSQL
 * server (database {@code test}, user {@code postgres}, trust authentication), dropped
 * when closed, or an in-memory H2 database when that server does not answer.
 */
final class EventsDatabase implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final int PORT = 5432;

	private static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test";

	private static final String USER = "postgres";

	private final String name;

	private final String schema;

	private final List<String> properties;

	private EventsDatabase(String name, String schema, List<String> properties) {
		this.name = name;
		this.schema = schema;
		this.properties = properties;
	}

	static boolean postgresAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static String postgresAddress() {
		return HOST + ":" + PORT;
	}

	/**
	 * A fresh schema on PostgreSQL.
	 */
	static EventsDatabase postgres() {
		String schema = "microkit_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE SCHEMA " + schema);
		return new EventsDatabase("PostgreSQL", schema, List.of("spring.datasource.url=" + URL + "?currentSchema=" + schema,
				"spring.datasource.username=" + USER, "spring.datasource.password=",
				"microkit.events.jdbc.initialize-schema=always"));
	}

	/**
	 * PostgreSQL when it answers, else H2 in memory.
	 */
	static EventsDatabase postgresOrH2() {
		if (postgresAnswers()) {
			return postgres();
		}
		String database = "events-" + UUID.randomUUID();
		return new EventsDatabase("H2 (PostgreSQL at " + postgresAddress() + " did not answer)", null,
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
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + URL, ex);
		}
	}

}
