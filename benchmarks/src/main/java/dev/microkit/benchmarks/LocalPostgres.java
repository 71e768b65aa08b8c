package dev.microkit.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The local PostgreSQL server the database benchmarks use: database {@code test}, user
 * {@code postgres}, trust authentication, each benchmark in schemas of its own.
 */
final class LocalPostgres {

	static final String HOST = "127.0.0.1";

	static final int PORT = 5432;

	static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test";

	static final String USER = "postgres";

	private LocalPostgres() {
	}

	static boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static String address() {
		return HOST + ":" + PORT;
	}

	/**
	 * The datasource URL of a schema.
	 */
	static String url(String schema) {
		return URL + "?currentSchema=" + schema;
	}

	/**
	 * Connects once.
	 * @throws SQLException when the server does not answer
	 */
	static void ping() throws SQLException {
		try (Connection connection = connect()) {
			connection.isValid(2);
		}
	}

	static void execute(String... statements) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static Connection connect() throws SQLException {
		DriverManager.setLoginTimeout(2);
		return DriverManager.getConnection(URL, USER, "");
	}

}
