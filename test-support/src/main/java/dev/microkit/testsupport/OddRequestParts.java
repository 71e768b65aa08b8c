package dev.microkit.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Content types, accepted types, methods and paths that an endpoint does not expect.
 */
public final class OddRequestParts {

	public static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json;charset=klingon",
			"application/json;charset=UTF-16", "application/problem+json", "application/vnd.other+json", "garbage",
			"application/", "*/*", "");

	public static final List<String> ACCEPTS = List.of("application/json", "application/problem+json",
			"application/xml", "text/html", "image/png", "text/plain", "*/*", "garbage", "application/json;q=0", "");

	public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
			"TRACE", "FOO");

	private static final List<String> PATH_SEGMENTS = List.of("x".repeat(65), "x".repeat(3000), "%00", "%2F", "%5C",
			"%FF", "%C0%80", "..", "%2E%2E", ".", "a;b=c", "a%3Bb", "%20", "%F0%9F%98%80", "%25", "%3Cscript%3E",
			"o-1%0D%0AX-Injected:%20yes", "null", "-1", "0", "9".repeat(30));

	private static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

	private OddRequestParts() {
	}

	/** Path segments, already percent-encoded: the fixed odd ones, then random ones. */
	public static List<String> pathSegments(Random random, int count) {
		List<String> segments = new ArrayList<>(PATH_SEGMENTS);
		for (int i = 0; i < count; i++) {
			StringBuilder segment = new StringBuilder();
			for (int length = 1 + random.nextInt(80); length > 0; length--) {
				if (random.nextInt(8) == 0) {
					segment.append('%').append(String.format("%02X", random.nextInt(256)));
				}
				else {
					segment.append(UNRESERVED.charAt(random.nextInt(UNRESERVED.length())));
				}
			}
			segments.add(segment.toString());
		}
		return segments;
	}

	public static List<String> unknownPaths(String api) {
		return List.of("/", "/api", "/api/", api + "/", api + "/o-1/unknown", api + "/o-1/cancel/more", "/error",
				"/error/x", "/actuator/env", "/actuator/heapdump", "/actuator/shutdown", "/index.html", "/favicon.ico",
				api + "/o-1?" + "a=1&".repeat(2000));
	}

}
