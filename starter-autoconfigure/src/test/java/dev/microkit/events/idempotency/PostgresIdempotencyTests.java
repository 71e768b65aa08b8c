package dev.microkit.events.idempotency;

import dev.microkit.events.PostgresTestDatabase;

import java.util.List;

/**
 * The database idempotent consumer on a real PostgreSQL.
 */
class PostgresIdempotencyTests extends JdbcIdempotencyScenarios {

	@Override
	protected List<String> databaseProperties() {
		return PostgresTestDatabase.freshSchema();
	}

}
