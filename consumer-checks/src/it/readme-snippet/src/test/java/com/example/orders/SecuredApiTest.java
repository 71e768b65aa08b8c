package com.example.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's security configuration: a request without a token is refused with 401,
 * one without the operation's scope with 403, both as problem details; one with the
 * scope gets its answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecuredApiTest {

    static final InventoryBackend inventory = start();

    static final TokenIssuer issuer = TestTokens.issuer();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", inventory::uri);
        TestTokens.pointAt(issuer, registry);
    }

    @AfterAll
    static void stop() {
        inventory.close();
        issuer.close();
    }

    @Test
    void withoutATokenTheAnswerIs401AsAProblemDetail() throws Exception {
        HttpResponse<String> answer = get(null);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(inventory.requests()).isZero();
    }

    @Test
    void withoutTheScopeTheAnswerIs403NamingIt() throws Exception {
        HttpResponse<String> answer = get(issuer.jwt("orders:write"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("orders:read");
    }

    @Test
    void withTheScopeTheOperationAnswers() throws Exception {
        HttpResponse<String> answer = get(issuer.jwt("orders:read"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"sku\":\"pen\"");
        String token = inventory.lastAuthorization();
        assertThat(token).startsWith("Bearer ey");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(claims).as("the service's own token, not its caller's").contains("inventory:read")
            .doesNotContain("orders:read");
    }

    private HttpResponse<String> get(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/orders/pen"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static InventoryBackend start() {
        try {
            return new InventoryBackend();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
