package dev.microkit.samples.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the order service reaches the inventory service.
 *
 * @param protocol {@code http} (the default) or {@code grpc}; both go through the same
 * balancer, deadline, retries and circuit breaker
 * @param quoteTimeout how long a stock quote, asked for by event, waits for inventory's
 * reply
 */
@ConfigurationProperties("order.inventory")
public record InventoryProperties(@DefaultValue("http") InventoryProtocol protocol,
		@DefaultValue("3s") Duration quoteTimeout) {

}
