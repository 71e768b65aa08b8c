package com.example.orders;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points the README's configuration at a token issuer on loopback in place of
 * http://localhost:9000.
 */
final class TestTokens {

    private TestTokens() {
    }

    static TokenIssuer issuer() {
        try {
            return new TokenIssuer();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static void pointAt(TokenIssuer issuer, DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer.uri() + "/oauth2/jwks");
        registry.add("spring.security.oauth2.client.provider.issuer.token-uri", () -> issuer.uri() + "/oauth2/token");
        registry.add("ORDER_SERVICE_CLIENT_SECRET", () -> "order-service-secret");
    }

}
