package dev.microkit.samples.inventory;

/**
 * The {@code order.placed} event, as the order service publishes it.
 */
public record OrderPlaced(String orderId, String sku, int quantity) {

}
