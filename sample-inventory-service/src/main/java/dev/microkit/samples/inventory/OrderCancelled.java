package dev.microkit.samples.inventory;

/**
 * The {@code order.cancelled} event, as the order service publishes it.
 */
public record OrderCancelled(String orderId) {

}
