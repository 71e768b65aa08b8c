package dev.microkit.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' PostgreSQL; skipped where there is none.
 */
class TestPostgresTests {

	@Test
	void freshSchemaIsWhereAConnectionOfItsUrlPutsTables() throws Exception {
		PostgresServer server = TestPostgres.server();
		String schema = TestPostgres.freshSchema("microkit_");
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(schema), server.user(),
				server.password()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE orders (id INT)");
			ResultSet tables = statement.executeQuery(
					"SELECT table_schema FROM information_schema.tables WHERE table_name = 'orders' AND table_schema = '"
							+ schema + "'");
			assertThat(tables.next()).isTrue();
		}
		finally {
			server.execute("DROP SCHEMA " + schema + " CASCADE");
		}
	}

	@Test
	void theSameServerAtAnotherAddressKeepsItsLogin() {
		PostgresServer proxied = PostgresServer.LOCAL.at("127.0.0.1", 15432);
		assertThat(proxied.jdbcUrl("s")).isEqualTo("jdbc:postgresql://127.0.0.1:15432/test?currentSchema=s");
		assertThat(proxied.user()).isEqualTo(PostgresServer.LOCAL.user());
	}

}
