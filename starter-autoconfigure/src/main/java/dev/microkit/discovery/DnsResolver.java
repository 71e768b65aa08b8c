package dev.microkit.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS for every address of a name. dnsjava rather than {@link InetAddress}: the JDK
 * caches answers for 30 s and cannot be pointed at another server, and neither suits
 * following a set of instances that changes.
 */
class DnsResolver {

	private static final int DNS_PORT = 53;

	private final Resolver resolver;

	DnsResolver(String nameserver, Duration timeout) {
		this.resolver = createResolver(nameserver);
		this.resolver.setTimeout(timeout);
	}

	private static Resolver createResolver(String nameserver) {
		if (nameserver == null || nameserver.isBlank()) {
			return new ExtendedResolver();
		}
		int colon = nameserver.lastIndexOf(':');
		boolean hasPort = colon > 0 && nameserver.indexOf(':') == colon;
		String host = hasPort ? nameserver.substring(0, colon) : nameserver;
		int port = hasPort ? Integer.parseInt(nameserver.substring(colon + 1)) : DNS_PORT;
		return new SimpleResolver(new InetSocketAddress(host, port));
	}

	/**
	 * Resolves the IPv4 and IPv6 addresses of a name.
	 * @return the addresses; empty when the name does not exist or has none
	 * @throws UnknownHostException when DNS could not answer, so that callers keep what
	 * they knew
	 */
	List<InetAddress> resolve(String name) throws UnknownHostException {
		List<InetAddress> addresses = new ArrayList<>();
		for (int type : new int[] { Type.A, Type.AAAA }) {
			for (Record record : lookup(name, type)) {
				addresses.add((record instanceof ARecord a) ? a.getAddress() : ((AAAARecord) record).getAddress());
			}
		}
		return addresses;
	}

	private Record[] lookup(String name, int type) throws UnknownHostException {
		Lookup lookup;
		try {
			lookup = new Lookup(name, type);
		}
		catch (TextParseException ex) {
			throw new IllegalArgumentException("'" + name + "' is not a DNS name", ex);
		}
		lookup.setResolver(this.resolver);
		lookup.setCache(null);
		Record[] records = lookup.run();
		return switch (lookup.getResult()) {
			case Lookup.SUCCESSFUL -> records;
			case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> new Record[0];
			default -> throw new UnknownHostException(
					"DNS could not resolve " + name + " (" + Type.string(type) + "): " + lookup.getErrorString());
		};
	}

}
