package dev.microkit.events.idempotency;

import java.util.List;

/**
 * The database idempotent consumer on an embedded H2, whose schema the starter creates.
 */
class H2IdempotencyTests extends JdbcIdempotencyScenarios {

	@Override
	protected List<String> databaseProperties() {
		return List.of();
	}

}
