package dev.microkit.events.outbox;

import java.util.List;
import java.util.UUID;

/**
 * The outbox on H2; two applications of one test share a named in-memory database.
 */
class H2OutboxTests extends OutboxScenarios {

	private final String database = "outbox-" + UUID.randomUUID();

	@Override
	protected List<String> databaseProperties() {
		return List.of("spring.datasource.url=jdbc:h2:mem:" + this.database + ";DB_CLOSE_DELAY=-1",
				"microkit.events.jdbc.initialize-schema=always");
	}

}
