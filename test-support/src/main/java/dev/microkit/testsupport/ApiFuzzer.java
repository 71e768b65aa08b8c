package dev.microkit.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends requests to a running service and checks every answer: no 5xx, every error an RFC
 * 9457 problem detail ({@code application/problem+json} with {@code type}, {@code title}
 * and the response's {@code status}), and no stack trace, internal class name or
 * exception message in any body. It counts the answers per endpoint and status.
 */
public final class ApiFuzzer {

	private static final List<String> INTERNALS = List.of("java.", "jakarta.", "org.springframework", "org.apache",
			"com.fasterxml", "dev.microkit", "Exception", "\tat ", "Caused by");

	/**
	 * What HTTP requires for a request outside what the server implements, not a failure
	 * of it: 501 for an unknown transfer coding, 505 for an HTTP version it does not
	 * speak.
	 */
	private static final Set<Integer> PROTOCOL_ANSWERS = Set.of(501, 505);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final RawHttp raw;

	private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();

	private final List<String> failures = new ArrayList<>();

	private final String authorization;

	public ApiFuzzer(int port) {
		this(port, null);
	}

	/**
	 * A fuzzer whose requests, raw ones too, carry an {@code Authorization} header, so
	 * that they reach the API behind its security.
	 * @param port the server's port
	 * @param authorization the header's value, or {@code null} for none
	 */
	public ApiFuzzer(int port, String authorization) {
		this.base = "http://127.0.0.1:" + port;
		this.raw = new RawHttp(port);
		this.authorization = authorization;
	}

	public HttpResponse<String> send(String endpoint, String method, String path, String contentType, byte[] body) {
		return send(endpoint, request(method, path, body).header("Content-Type", contentType));
	}

	public HttpResponse<String> send(String endpoint, String method, String path) {
		return send(endpoint, request(method, path, null));
	}

	public HttpRequest.Builder request(String method, String path, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, (body != null) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
		return (this.authorization != null) ? request.header("Authorization", this.authorization) : request;
	}

	public HttpResponse<String> send(String endpoint, HttpRequest.Builder builder) {
		HttpRequest request = builder.build();
		String sent = request.method() + " " + request.uri().getRawPath() + " " + request.headers().map();
		try {
			HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
			check(endpoint, sent, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
					response.body(), request.method().equals("HEAD"));
			return response;
		}
		catch (IOException ex) {
			this.failures.add(endpoint + ": no answer to " + sent + ": " + ex);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a request as raw bytes, for what no HTTP client would send.
	 * @return the status, -1 when there was no answer
	 */
	public int sendRaw(String endpoint, String head, byte[]... body) {
		String sent = head.lines().findFirst().orElse("").replaceAll("(.{120}).+", "$1…");
		try {
			RawHttp.Response response = this.raw.exchange(authorized(head), body);
			check(endpoint, sent, response.status(), response.contentType(), response.body(), false);
			return response.status();
		}
		catch (IOException | RuntimeException ex) {
			this.failures.add(endpoint + ": no answer to " + sent + ": " + ex);
			return -1;
		}
	}

	/** The head with the fuzzer's {@code Authorization} header after its request line. */
	private String authorized(String head) {
		int requestLineEnd = head.indexOf("\r\n");
		if (this.authorization == null || requestLineEnd < 0) {
			return head;
		}
		return head.substring(0, requestLineEnd + 2) + "Authorization: " + this.authorization + "\r\n"
				+ head.substring(requestLineEnd + 2);
	}

	/**
	 * A JSON body declared larger than the limit and a chunked one that grows past it,
	 * both answered while they are being sent, and one of exactly the limit, which is
	 * read.
	 * @return the three statuses
	 */
	public List<Integer> sendOversizedBodies(String endpoint, String path, int limit, String jsonField) {
		String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
		byte[] overLimit = jsonString(jsonField, limit + 64 * 1024);
		int declared = sendRaw(endpoint, head + "Content-Length: " + overLimit.length + "\r\n\r\n",
				Arrays.copyOf(overLimit, 64 * 1024));
		List<byte[]> chunks = new ArrayList<>();
		for (int at = 0; at < overLimit.length; at += 64 * 1024) {
			int size = Math.min(64 * 1024, overLimit.length - at);
			chunks.add((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunks.add(Arrays.copyOfRange(overLimit, at, at + size));
			chunks.add("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		int streamed = sendRaw(endpoint, head + "Transfer-Encoding: chunked\r\n\r\n", chunks.toArray(byte[][]::new));
		HttpResponse<String> exactly = send(endpoint, "POST", path, "application/json", jsonString(jsonField, limit));
		return List.of(declared, streamed, (exactly != null) ? exactly.statusCode() : -1);
	}

	/** A JSON object of {@code size} bytes with one long string field. */
	private static byte[] jsonString(String field, int size) {
		String prefix = "{\"" + field + "\":\"";
		return (prefix + "x".repeat(size - prefix.length() - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
	}

	/** Requests that break HTTP itself: request lines, headers, framing. */
	public void sendMalformedHttp(String path) {
		String close = "Connection: close\r\n\r\n";
		String host = "Host: localhost\r\n";
		List<String> heads = List.of("GARBAGE\r\n\r\n", "GET " + path + " HTTP/9.9\r\n" + host + close,
				"GET " + path + " HTTP/1.2\r\n" + host + close, "GET " + path + "{x} HTTP/1.1\r\n" + host + close,
				"GET " + path + " x HTTP/1.1\r\n" + host + close, "GET " + path + "%zz HTTP/1.1\r\n" + host + close,
				"GET " + path + "%00 HTTP/1.1\r\n" + host + close, "GET " + path + "?x=%ZZ HTTP/1.1\r\n" + host + close,
				"GET http://elsewhere.example" + path + " HTTP/1.1\r\n" + host + close,
				"GET " + path + " HTTP/1.1\r\n" + close, "GET " + path + " HTTP/1.1\r\n" + host + host + close,
				"GET " + path + " HTTP/1.1\r\n" + host + "Bad Header\r\n" + close,
				"GET " + path + " HTTP/1.1\r\n" + host + "X Y: z\r\n" + close,
				"GET " + path + " HTTP/1.1\r\n" + host + "X-Control: a\u0001b\r\n" + close,
				"GET " + path + " HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(20_000) + "\r\n" + close,
				"GET " + path + "/" + "a".repeat(9000) + " HTTP/1.1\r\n" + host + close,
				"get " + path + " HTTP/1.1\r\n" + host + close, "G\u00c9T " + path + " HTTP/1.1\r\n" + host + close,
				"GET " + path + " HTTP/1.1\r\n" + host + "Expect: something-else\r\n" + close,
				post(path, "Content-Length: abc\r\n") + close, post(path, "Content-Length: -1\r\n") + close,
				post(path, "Content-Length: 2\r\nContent-Length: 3\r\n") + close + "{}",
				post(path, "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n") + close + "{}",
				post(path, "Transfer-Encoding: gzip\r\n") + close + "{}",
				post(path, "Transfer-Encoding: chunked\r\n") + close + "zz\r\n{}\r\n0\r\n\r\n");
		heads.forEach((head) -> sendRaw("malformed HTTP", head));
	}

	private static String post(String path, String headers) {
		return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + headers;
	}

	private void check(String endpoint, String sent, int status, String contentType, String body, boolean head) {
		this.statuses.computeIfAbsent(endpoint, (key) -> new TreeMap<>()).merge(status, 1, Integer::sum);
		String problem = problemIn(status, contentType, body, head);
		if (problem != null) {
			this.failures.add(endpoint + ": " + status + " for " + abbreviated(sent) + ": " + problem + " in "
					+ abbreviated(body));
		}
	}

	private static String problemIn(int status, String contentType, String body, boolean head) {
		if (status >= 500 && !PROTOCOL_ANSWERS.contains(status)) {
			return "a server error";
		}
		for (String internal : INTERNALS) {
			if (body.contains(internal)) {
				return "internals (" + internal.trim() + ")";
			}
		}
		if (status < 400) {
			return null;
		}
		if (contentType == null || !contentType.startsWith("application/problem+json")) {
			return "not a problem detail but " + contentType;
		}
		return head ? null : problemMembersIn(status, body);
	}

	private static String problemMembersIn(int status, String body) {
		try {
			JsonNode problem = JSON.readTree(body);
			boolean complete = problem.path("type").isTextual() && problem.path("title").isTextual()
					&& problem.path("status").asInt() == status;
			return complete ? null : "a problem without type, title or its status";
		}
		catch (IOException ex) {
			return "a problem detail that is no JSON";
		}
	}

	/**
	 * Sends a valid JSON body as every odd content type of {@link OddRequestParts}.
	 * @param endpoint the endpoint the answers are counted for
	 * @param method the HTTP method
	 * @param path the path
	 * @param body a body the endpoint accepts as JSON
	 */
	public void sendAsEveryContentType(String endpoint, String method, String path, byte[] body) {
		for (String contentType : OddRequestParts.CONTENT_TYPES) {
			send(endpoint, method, path, contentType, body);
		}
	}

	/**
	 * Sends a request accepting each of the odd {@code Accept} values of
	 * {@link OddRequestParts}.
	 * @param endpoint the endpoint the answers are counted for
	 * @param method the HTTP method
	 * @param path the path
	 * @param body a JSON body, or {@code null} for none
	 */
	public void sendAcceptingEach(String endpoint, String method, String path, byte[] body) {
		for (String accept : OddRequestParts.ACCEPTS) {
			HttpRequest.Builder request = request(method, path, body).header("Accept", accept);
			send(endpoint, (body != null) ? request.header("Content-Type", "application/json") : request);
		}
	}

	/**
	 * Sends every method of {@link OddRequestParts} to each path, with the body and
	 * without; the answers are counted for {@link #anyMethod(String) anyMethod(path)}.
	 * @param paths the paths
	 * @param body a JSON body
	 */
	public void sendEveryMethod(List<String> paths, byte[] body) {
		for (String path : paths) {
			for (String method : OddRequestParts.METHODS) {
				send(anyMethod(path), method, path, "application/json", body);
				send(anyMethod(path), method, path);
			}
		}
	}

	/**
	 * The endpoint {@link #sendEveryMethod} counts the answers of a path for.
	 * @param path the path
	 * @return its endpoint name
	 */
	public static String anyMethod(String path) {
		return "any method " + path;
	}

	/**
	 * Asserts an answer's status and reads its JSON body.
	 * @param response the answer
	 * @param status the status expected
	 * @return the body
	 * @throws IOException if the body is no JSON
	 */
	public static JsonNode json(HttpResponse<String> response, int status) throws IOException {
		assertThat(response).isNotNull();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	public int count(String endpoint, int status) {
		return this.statuses.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0);
	}

	public void printFigures(String service) {
		int total = this.statuses.values()
			.stream()
			.flatMap((byStatus) -> byStatus.values().stream())
			.mapToInt(Integer::intValue)
			.sum();
		System.out.printf("%s: %d requests, %d failed checks%n", service, total, this.failures.size());
		this.statuses.forEach((endpoint, byStatus) -> System.out.printf("  %-40s %5d  %s%n", endpoint,
				byStatus.values().stream().mapToInt(Integer::intValue).sum(), byStatus));
	}

	public void assertEveryAnswerWasRight() {
		assertThat(this.failures.subList(0, Math.min(30, this.failures.size())))
			.as("%d answers broke the rules; the first of them", this.failures.size())
			.isEmpty();
	}

	private static String abbreviated(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "… (" + text.length() + " chars)" : text;
	}

}
