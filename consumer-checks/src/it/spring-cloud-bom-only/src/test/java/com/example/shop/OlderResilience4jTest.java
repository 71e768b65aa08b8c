package com.example.shop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud's BOM alone gives Resilience4j 2.2: the application starts, its calls
 * work, and the log says once which version it found and how to get the one microkit
 * is built with.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class OlderResilience4jTest {

    static final HttpServer pricing = pricing();

    @Autowired
    PricingClient prices;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.pricing-service[0].uri",
                () -> "http://127.0.0.1:" + pricing.getAddress().getPort());
    }

    @AfterAll
    static void stopPricing() {
        pricing.stop(0);
    }

    @Test
    void startsOnSpringCloudsResilience4jAndSaysHowToGetMicrokits(CapturedOutput output) {
        assertThat(CircuitBreakerConfig.class.getPackage().getImplementationVersion()).startsWith("2.2.");
        assertThat(this.prices.price("sku-1")).isEqualTo("9.99");
        assertThat(output).contains("Resilience4j 2.2")
            .contains("import dev.microkit:microkit-dependencies");
    }

    private static HttpServer pricing() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/api/prices/", (exchange) -> {
                byte[] body = "9.99".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
