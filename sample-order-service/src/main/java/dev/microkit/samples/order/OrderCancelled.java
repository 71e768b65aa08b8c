package dev.microkit.samples.order;

/**
 * The {@code order.cancelled} event.
 */
public record OrderCancelled(String orderId) {

}
