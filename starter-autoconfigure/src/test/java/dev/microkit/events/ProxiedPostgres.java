package dev.microkit.events;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh schema of the test PostgreSQL ({@link PostgresTestDatabase}) that the
 * application reaches through a {@link CuttableTcpProxy}, so that a test can take the
 * database away from that application alone.
 *
 * @param proxy the proxy in front of the database
 * @param properties the application's datasource properties, pointing at the proxy
 */
public record ProxiedPostgres(CuttableTcpProxy proxy, List<String> properties) implements AutoCloseable {

	private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)(/.*)");

	public static ProxiedPostgres freshSchema() throws IOException {
		CuttableTcpProxy proxy = null;
		List<String> properties = new ArrayList<>();
		for (String property : PostgresTestDatabase.freshSchema()) {
			Matcher url = property.startsWith("spring.datasource.url=")
					? POSTGRES_URL.matcher(property.substring(property.indexOf('=') + 1)) : null;
			if (url != null && url.matches()) {
				proxy = new CuttableTcpProxy(new InetSocketAddress(url.group(1), Integer.parseInt(url.group(2))));
				properties.add("spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + url.group(3));
			}
			else {
				properties.add(property);
			}
		}
		if (proxy == null) {
			throw new IllegalStateException("No PostgreSQL URL in " + properties);
		}
		return new ProxiedPostgres(proxy, List.copyOf(properties));
	}

	@Override
	public void close() throws IOException {
		this.proxy.close();
	}

}
