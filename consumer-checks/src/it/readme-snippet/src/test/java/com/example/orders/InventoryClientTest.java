package com.example.orders;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's application against two real inventory instances on loopback: its only
 * code is the interface, and its calls are balanced, retried elsewhere, decoded and carry
 * the service's token.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class InventoryClientTest {

    static final InventoryBackend first = start();

    static final InventoryBackend second = start();

    static final TokenIssuer issuer = TestTokens.issuer();

    @Autowired
    InventoryClient inventory;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", first::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[1].uri", second::uri);
        TestTokens.pointAt(issuer, registry);
    }

    @AfterAll
    static void stopBackends() {
        first.close();
        second.close();
        issuer.close();
    }

    @Test
    void answersAreDecoded() {
        for (int i = 0; i < 20; i++) {
            assertThat(this.inventory.stock("sku-" + i)).isEqualTo(new Stock("sku-" + i, 5, 0));
        }
        assertThat(first.requests() + second.requests()).isGreaterThanOrEqualTo(20);
        assertThat(first.lastAuthorization()).as("the order service's own token").startsWith("Bearer ey");
        assertThat(issuer.tokenRequests()).as("fetched once per application, then cached").isBetween(1, 2);
    }

    @Test
    void anIdempotentCallThatOneInstanceRefusesIsMadeOnTheOther() {
        first.answerWith(503);
        int secondBefore = second.requests();
        for (int i = 0; i < 10; i++) {
            ReservationRequest request = new ReservationRequest("order-" + i, "sku-1", 2);
            assertThat(this.inventory.reserve(request)).isEqualTo(new Reservation("order-" + i, "sku-1", 2));
        }
        assertThat(second.requests() - secondBefore).isEqualTo(10);
        first.answerWith(200);
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
