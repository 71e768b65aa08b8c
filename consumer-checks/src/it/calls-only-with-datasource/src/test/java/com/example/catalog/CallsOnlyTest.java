package com.example.catalog;

import java.util.List;

import dev.microkit.calls.resilience.ClientCallPolicies;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the calls starter leaves out of an application that only makes calls, even when
 * it has a DataSource: no Kafka client, no microkit table, no event thread.
 */
@SpringBootTest
class CallsOnlyTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theFeignClientIsThere() {
        assertThat(this.context.getBean(PricingClient.class)).isNotNull();
        assertThat(this.context.getBeansOfType(ClientCallPolicies.class)).hasSize(1);
    }

    @Test
    void noKafkaClassIsLoadable() {
        assertThat(ClassUtils.isPresent("org.apache.kafka.clients.producer.KafkaProducer", null)).isFalse();
        assertThat(ClassUtils.isPresent("org.springframework.kafka.core.KafkaTemplate", null)).isFalse();
    }

    @Test
    void noMicrokitTableIsCreated() {
        List<String> tables = this.jdbc.queryForList(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) LIKE 'microkit%'",
                String.class);
        assertThat(tables).isEmpty();
        assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES", Integer.class))
            .isPositive();
    }

    @Test
    void noEventThreadRuns() {
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
            .noneMatch((name) -> name.startsWith("microkit-outbox") || name.startsWith("microkit-processed-events")
                    || name.toLowerCase().contains("kafka"));
    }

}
