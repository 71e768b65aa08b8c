package dev.microkit.calls.feign;

import org.springframework.cloud.client.ServiceInstance;

/**
 * A load-balanced Feign URL, {@code scheme://service-id/path?query}, taken apart once so
 * that the URL of the chosen instance is the instance's base and the same path: Spring's
 * {@code LoadBalancerUriTools} builds it with a {@code UriComponentsBuilder} on every
 * call, for the same result (Feign has already encoded the path and query).
 *
 * @param scheme the scheme of the Feign URL
 * @param serviceId the host part, which names the service
 * @param pathAndQuery everything after the host, possibly empty
 */
record ServiceUrl(String scheme, String serviceId, String pathAndQuery) {

	private static final String SCHEME_END = "://";

	/**
	 * Takes a Feign URL apart.
	 * @param url a URL that Feign built
	 * @return its parts, or {@code null} if the host part holds more than a service id (a
	 * port or user info), which Spring's own client handles
	 */
	static ServiceUrl parse(String url) {
		int schemeEnd = url.indexOf(SCHEME_END);
		if (schemeEnd <= 0) {
			return null;
		}
		int hostStart = schemeEnd + SCHEME_END.length();
		int hostEnd = hostStart;
		while (hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
			char c = url.charAt(hostEnd);
			if (c == ':' || c == '@' || c == '[') {
				return null;
			}
			hostEnd++;
		}
		if (hostEnd == hostStart) {
			return null;
		}
		return new ServiceUrl(url.substring(0, schemeEnd), url.substring(hostStart, hostEnd), url.substring(hostEnd));
	}

	/**
	 * The URL of the same path on an instance, as Spring's {@code LoadBalancerUriTools}
	 * reconstructs it: the instance's scheme, else this scheme made secure for a secure
	 * instance; the instance's port, else the scheme's default.
	 * @param instance the chosen instance
	 * @return the instance's URL
	 */
	String on(ServiceInstance instance) {
		String scheme = (instance.getScheme() != null) ? instance.getScheme() : schemeFor(instance);
		int port = (instance.getPort() >= 0) ? instance.getPort() : defaultPort(scheme);
		String host = instance.getHost();
		boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
		return scheme + SCHEME_END + (ipv6 ? "[" + host + "]" : host) + ":" + port + this.pathAndQuery;
	}

	private String schemeFor(ServiceInstance instance) {
		if (!instance.isSecure()) {
			return this.scheme;
		}
		return switch (this.scheme) {
			case "http" -> "https";
			case "ws" -> "wss";
			default -> this.scheme;
		};
	}

	private static int defaultPort(String scheme) {
		return "https".equals(scheme) ? 443 : 80;
	}

}
