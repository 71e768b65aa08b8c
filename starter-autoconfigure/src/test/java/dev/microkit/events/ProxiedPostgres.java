package dev.microkit.events;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

import dev.microkit.testsupport.postgres.PostgresServer;
import dev.microkit.testsupport.postgres.TestPostgres;

/**
 * A fresh schema reached through a proxy that a test can cut, as a database outage looks
 * to the application.
 *
 * @param proxy the proxy in front of the server
 * @param properties the Spring properties of the schema, through the proxy
 */
public record ProxiedPostgres(CuttableTcpProxy proxy, List<String> properties) implements AutoCloseable {

	public static ProxiedPostgres freshSchema() throws IOException {
		PostgresServer server = TestPostgres.server();
		CuttableTcpProxy proxy = new CuttableTcpProxy(new InetSocketAddress(server.host(), server.port()));
		return new ProxiedPostgres(proxy, PostgresTestDatabase.freshSchema(server.at("127.0.0.1", proxy.port())));
	}

	@Override
	public void close() throws IOException {
		this.proxy.close();
	}

}
