package com.example.greetings;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.microkit.events.EventPublisher;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events starter alone, over a real Kafka broker in this JVM: what is published
 * reaches the handler, and the handled event's id is kept in the application's database.
 */
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(kraft = true, partitions = 1, topics = { "greetings", "greetings-dlt" })
class PublishAndHandleTest {

    @Autowired
    EventPublisher events;

    @Autowired
    Greetings greetings;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPublishedEventIsHandled() throws Exception {
        this.events.publish("greeting.sent", "ada", new Greeting("Ada", "hello")).get(30, TimeUnit.SECONDS);

        assertThat(this.greetings.received().poll(60, TimeUnit.SECONDS))
            .isEqualTo("greeting.sent from greeting-service: hello to Ada");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                this.jdbc.queryForObject("SELECT COUNT(*) FROM microkit_processed_events", Integer.class))
            .isEqualTo(1));
    }

}
