package dev.microkit.events.outbox;

import dev.microkit.events.PostgresTestDatabase;

import java.util.List;

/**
 * The outbox on a real PostgreSQL; two applications of one test share a schema.
 */
class PostgresOutboxTests extends OutboxScenarios {

	private List<String> schema;

	@Override
	protected List<String> databaseProperties() {
		if (this.schema == null) {
			this.schema = PostgresTestDatabase.freshSchema();
		}
		return this.schema;
	}

}
