package dev.microkit.samples.order;

import dev.microkit.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Orders on PostgreSQL, the database of the {@code postgres} profile.
 */
@EnabledIf(value = "dev.microkit.testsupport.postgres.TestPostgres#available",
		disabledReason = "Neither Docker nor a PostgreSQL server on 127.0.0.1:5432")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class PostgresOrderDatabaseTests extends OrderDatabaseTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "order");
	}

}
