package com.example.catalog;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP interface client without Spring Cloud OpenFeign on the class path: load-balanced
 * over discovery, under the service's circuit breaker, counted in the call meters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class HttpInterfaceWithoutFeignTest {

    static final HttpServer pricing = start();

    @Autowired
    PricingClient client;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void pricingService(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.pricing-service[0].uri",
                () -> "http://127.0.0.1:" + pricing.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        pricing.stop(0);
    }

    @Test
    void feignIsNotThere() {
        assertThat(ClassUtils.isPresent("feign.Feign", null)).isFalse();
        assertThat(ClassUtils.isPresent("org.springframework.cloud.openfeign.FeignClient", null)).isFalse();
    }

    @Test
    void callsGoThroughTheCallPolicy() {
        assertThat(this.client.price("sku-1")).isEqualTo("42 for sku-1");
        assertThat(this.breakers.circuitBreaker("pricing-service").getMetrics().getNumberOfSuccessfulCalls())
            .isEqualTo(1);
        assertThat(this.meters.get("microkit.calls.calls").tags("client", "pricing-service", "outcome", "success")
            .timer().count()).isEqualTo(1);
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/prices/", (exchange) -> {
                String sku = exchange.getRequestURI().getPath().substring("/api/prices/".length());
                byte[] body = ("42 for " + sku).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
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
