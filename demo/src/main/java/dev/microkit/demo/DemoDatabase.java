package dev.microkit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.h2.tools.Server;

/**
 * The services' databases on an H2 server in the launcher's own process, as PostgreSQL
 * would be in production: no service instance hosts another's data, so killing one takes
 * nothing but that instance away. Each service has a database of its own in one folder,
 * kept across runs.
 */
public final class DemoDatabase implements AutoCloseable {

	private final Server server;

	private DemoDatabase(Server server) {
		this.server = server;
	}

	/**
	 * Starts the server on a free loopback port.
	 * @param folder where the database files are
	 * @return the running server
	 */
	public static DemoDatabase start(Path folder) {
		try {
			Files.createDirectories(folder);
			return new DemoDatabase(Server
				.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", folder.toAbsolutePath().toString())
				.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not start the demo's database server: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Where the server listens, as the start of a JDBC URL.
	 */
	public String serverUrl() {
		return "jdbc:h2:tcp://localhost:" + this.server.getPort() + "/";
	}

	/**
	 * The JDBC URL of one service's database, such as {@code orders} or
	 * {@code inventory}. Each commit is written at once, and the database stays open
	 * while this process stops (H2 would close it from a shutdown hook of its own, under
	 * services still stopping).
	 */
	public String jdbcUrl(String name) {
		return serverUrl() + name + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
	}

	/**
	 * A connection to one service's database, for looking into it.
	 */
	public Connection connect(String name) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(name), "sa", "");
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
