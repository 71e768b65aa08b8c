package dev.microkit.samples.inventory;

/**
 * The {@code inventory.rejected} event: the order cannot be served.
 */
public record InventoryRejected(String orderId, String sku, int quantity, String reason) {

}
