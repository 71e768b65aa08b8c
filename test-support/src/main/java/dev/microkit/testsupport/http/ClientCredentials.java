package dev.microkit.testsupport.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the samples' API getting its access token as an OAuth2 client would
 * (client-credentials grant, RFC 6749 4.4) from the demo's issuer, and keeping it until
 * 30 seconds before it expires. For the demo, the benchmarks and tests that call the
 * samples from outside, as {@code curl -u demo-client:demo-secret} would.
 */
public final class ClientCredentials {

	/**
	 * The issuer's client with every sample scope.
	 */
	public static final String DEMO_CLIENT = "demo-client";

	public static final String DEMO_SECRET = "demo-secret";

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

	private static final Duration MARGIN = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI tokenEndpoint;

	private final String basic;

	private final String scope;

	private String authorization;

	private long renewAt;

	/**
	 * @param issuer the issuer, such as {@code http://localhost:9000}
	 * @param clientId the client
	 * @param secret its secret
	 * @param scope the scopes to ask for, space-separated, or {@code null} for all the
	 * client's
	 */
	public ClientCredentials(URI issuer, String clientId, String secret, String scope) {
		this.tokenEndpoint = issuer.resolve("/oauth2/token");
		this.basic = "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		this.scope = scope;
	}

	/**
	 * The demo client, with every sample scope.
	 */
	public static ClientCredentials demo(URI issuer) {
		return new ClientCredentials(issuer, DEMO_CLIENT, DEMO_SECRET, null);
	}

	/**
	 * The {@code Authorization} header value for the next request.
	 * @return {@code Bearer <token>}
	 * @throws IllegalStateException when the issuer gives no token
	 */
	public synchronized String authorization() {
		if (this.authorization == null || System.nanoTime() - this.renewAt >= 0) {
			fetch();
		}
		return this.authorization;
	}

	/**
	 * Forgets the token, as when the API refused it: the next request gets a new one.
	 */
	public synchronized void renew() {
		this.authorization = null;
	}

	private void fetch() {
		String form = "grant_type=client_credentials"
				+ ((this.scope != null) ? "&scope=" + this.scope.replace(" ", "+") : "");
		HttpRequest request = HttpRequest.newBuilder(this.tokenEndpoint)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", this.basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		long sent = System.nanoTime();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("No token from " + this.tokenEndpoint + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking " + this.tokenEndpoint + " for a token", ex);
		}
		Matcher token = ACCESS_TOKEN.matcher(response.body());
		if (response.statusCode() != 200 || !token.find()) {
			throw new IllegalStateException(
					"No token from " + this.tokenEndpoint + ": " + response.statusCode() + " " + response.body());
		}
		Matcher expiresIn = EXPIRES_IN.matcher(response.body());
		Duration life = expiresIn.find() ? Duration.ofSeconds(Long.parseLong(expiresIn.group(1))) : Duration.ZERO;
		this.authorization = "Bearer " + token.group(1);
		this.renewAt = sent + life.minus(MARGIN).toNanos();
	}

}
