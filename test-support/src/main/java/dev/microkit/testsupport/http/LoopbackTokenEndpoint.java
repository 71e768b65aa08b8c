package dev.microkit.testsupport.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OAuth2 token endpoint on loopback for the client-credentials grant (RFC 6749 4.4):
 * one client, authenticated with HTTP basic, gets opaque tokens {@code token-1},
 * {@code token-2}, … of a chosen lifetime. It counts requests, can refuse the client
 * ({@code invalid_client}) and can be stopped (refusing connections) and started again on
 * the same port. For tests of clients of a token endpoint; the project's real issuer is
 * the sample authorization server.
 */
public final class LoopbackTokenEndpoint implements AutoCloseable {

	static {
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final String clientId;

	private final String clientSecret;

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger issued = new AtomicInteger();

	private volatile Duration lifetime = Duration.ofHours(1);

	private volatile boolean refusing;

	private volatile HttpServer server;

	private int port;

	public LoopbackTokenEndpoint(String clientId, String clientSecret) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		start(0);
	}

	private void start(int requestedPort) {
		try {
			HttpServer created = HttpServer
				.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 50);
			created.createContext("/oauth2/token", this::handle);
			created.start();
			this.server = created;
			this.port = created.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the token endpoint", ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((this.clientId + ":" + this.clientSecret).getBytes(StandardCharsets.UTF_8));
		if (this.refusing || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			send(exchange, 401,
					"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
			return;
		}
		if (!form.contains("grant_type=client_credentials")) {
			send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
			return;
		}
		send(exchange, 200, "{\"access_token\":\"token-" + this.issued.incrementAndGet()
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":" + this.lifetime.toSeconds() + "}");
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * The URL of the endpoint, for
	 * {@code spring.security.oauth2.client.provider.<id>.token-uri}.
	 */
	public String tokenUri() {
		return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + this.port + "/oauth2/token";
	}

	/**
	 * Tokens issued from now on expire after this long (whole seconds).
	 */
	public LoopbackTokenEndpoint issuingTokensFor(Duration lifetime) {
		this.lifetime = lifetime;
		return this;
	}

	/**
	 * Answers {@code invalid_client} to every request, as to a wrong secret.
	 */
	public LoopbackTokenEndpoint refusingTheClient() {
		this.refusing = true;
		return this;
	}

	/**
	 * Requests received, answered or not.
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Tokens issued; the last one is {@code token-<issued>}.
	 */
	public int issued() {
		return this.issued.get();
	}

	/**
	 * Stops listening: connections are refused until {@link #restart()}.
	 */
	public void stop() {
		this.server.stop(0);
	}

	public void restart() {
		start(this.port);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
