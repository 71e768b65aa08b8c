package com.example.orders;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer on a loopback port: its keys at /oauth2/jwks, client-credentials tokens
 * (signed JWTs with the scopes asked for) at /oauth2/token.
 */
final class TokenIssuer implements AutoCloseable {

    private final HttpServer server;

    private final RSAKey key;

    private final AtomicInteger tokenRequests = new AtomicInteger();

    TokenIssuer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        this.key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
            .keyID("test")
            .build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.server.createContext("/oauth2/jwks", (exchange) -> send(exchange, new JWKSet(this.key.toPublicJWK()).toString()));
        this.server.createContext("/oauth2/token", this::token);
        this.server.start();
    }

    private void token(HttpExchange exchange) throws IOException {
        this.tokenRequests.incrementAndGet();
        String form = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        String scope = form.replaceAll(".*scope=([^&]*).*", "$1");
        send(exchange, "{\"access_token\":\"" + jwt(scope) + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    String jwt(String scope) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:9000")
                .subject("client")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("scope", scope)
                .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
            jwt.sign(new RSASSASigner(this.key));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    String uri() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    int tokenRequests() {
        return this.tokenRequests.get();
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

}
