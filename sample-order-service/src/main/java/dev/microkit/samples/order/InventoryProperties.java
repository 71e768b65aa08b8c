package dev.microkit.samples.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the order service reaches the inventory service.
 *
 * @param protocol {@code http} (the default) or {@code grpc}; both go through the same
 * balancer, deadline, retries and circuit breaker
 */
@ConfigurationProperties("order.inventory")
public record InventoryProperties(@DefaultValue("http") InventoryProtocol protocol) {

}
