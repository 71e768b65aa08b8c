package dev.microkit.samples.authorization;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuer as the services and the demo use it: client credentials at
 * {@code /oauth2/token}, tokens signed with a key from {@code /oauth2/jwks}, each client
 * limited to its own scopes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "MICROKIT_ISSUER_URI=" + AuthorizationServerTests.ISSUER)
class AuthorizationServerTests {

	/**
	 * The issuer the services expect in {@code iss}, whatever host name a client used: in
	 * compose and Kubernetes they reach it by another name than a user's curl does.
	 */
	static final String ISSUER = "http://authorization-server:9000";

	private static final List<String> EVERY_SCOPE = List.of("inventory:read", "inventory:write", "orders:read",
			"orders:write");

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Test
	void theDemoClientGetsASignedTokenWithEverySampleScope() throws Exception {
		HttpResponse<String> answer = token("demo-client", "demo-secret", null);
		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(answer.body());
		assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isPositive();
		Jwt jwt = NimbusJwtDecoder.withJwkSetUri(base() + "/oauth2/jwks")
			.build()
			.decode(body.get("access_token").asText());
		assertThat(jwt.getSubject()).isEqualTo("demo-client");
		assertThat(jwt.getClaimAsStringList("scope")).containsExactlyInAnyOrderElementsOf(EVERY_SCOPE);
		assertThat(jwt.getIssuer().toString()).as("the configured issuer, not the host asked").isEqualTo(ISSUER);
	}

	@Test
	void aServiceGetsOnlyItsOwnScopes() throws Exception {
		JsonNode body = this.json.readTree(token("order-service", "order-service-secret", null).body());
		Jwt jwt = NimbusJwtDecoder.withJwkSetUri(base() + "/oauth2/jwks")
			.build()
			.decode(body.get("access_token").asText());
		assertThat(jwt.getClaimAsStringList("scope")).containsExactlyInAnyOrder("inventory:read", "inventory:write");
		HttpResponse<String> beyond = token("order-service", "order-service-secret", "orders:write");
		assertThat(beyond.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(beyond.body()).get("error").asText()).isEqualTo("invalid_scope");
	}

	@Test
	void aWrongSecretGetsNoToken() throws Exception {
		HttpResponse<String> answer = token("demo-client", "not-the-secret", null);
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(answer.body()).get("error").asText()).isEqualTo("invalid_client");
	}

	@Test
	void discoveryNamesTheTokenEndpointAndHealthNeedsNoLogin() throws Exception {
		JsonNode discovery = this.json.readTree(get("/.well-known/openid-configuration").body());
		assertThat(discovery.get("issuer").asText()).isEqualTo(ISSUER);
		assertThat(discovery.get("token_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/token");
		assertThat(discovery.get("jwks_uri").asText()).isEqualTo(ISSUER + "/oauth2/jwks");
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/env").statusCode()).isNotEqualTo(200);
	}

	private List<String> scopes(HttpResponse<String> answer) throws IOException {
		assertThat(answer.statusCode()).isEqualTo(200);
		String token = this.json.readTree(answer.body()).get("access_token").asText();
		return NimbusJwtDecoder.withJwkSetUri(base() + "/oauth2/jwks")
			.build()
			.decode(token)
			.getClaimAsStringList("scope");
	}

	private HttpResponse<String> token(String client, String secret, String scope)
			throws IOException, InterruptedException {
		String form = "grant_type=client_credentials"
				+ ((scope != null) ? "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8) : "");
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
