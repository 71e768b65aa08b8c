package dev.microkit.events;

import java.util.ArrayList;
import java.util.List;

import dev.microkit.testsupport.postgres.PostgresServer;
import dev.microkit.testsupport.postgres.TestPostgres;

/**
 * A fresh schema on the tests' PostgreSQL (see {@link TestPostgres}) in which the starter
 * creates its outbox and idempotency tables.
 */
public final class PostgresTestDatabase {

	private PostgresTestDatabase() {
	}

	/**
	 * Spring properties of a fresh schema.
	 * @return the datasource properties
	 */
	public static List<String> freshSchema() {
		return freshSchema(TestPostgres.server());
	}

	/**
	 * Spring properties of a fresh schema, reached at another address of the server, such
	 * as a proxy in front of it.
	 * @param server the server's address as the application reaches it
	 * @return the datasource properties
	 */
	static List<String> freshSchema(PostgresServer server) {
		List<String> properties = new ArrayList<>(server.datasourceProperties(TestPostgres.freshSchema("microkit_")));
		properties.add("microkit.events.jdbc.initialize-schema=always");
		return List.copyOf(properties);
	}

}
