package com.example.shop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
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
 * An application with a 5 s Feign read timeout and no microkit setting: it starts, says
 * once that the default 10 s deadline grew to fit three such attempts, and its calls work.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class ExistingFeignTimeoutsTest {

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
    void startsAndTheDefaultDeadlineFitsTheReadTimeouts(CapturedOutput output) {
        assertThat(this.prices.price("sku-1")).isEqualTo("9.99");
        assertThat(output).contains("pricing-service: the deadline is 15000 ms, not the default 10000 ms")
            .contains("spring.cloud.openfeign.client.config.pricing-service.read-timeout")
            .doesNotContain("APPLICATION FAILED TO START");
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
