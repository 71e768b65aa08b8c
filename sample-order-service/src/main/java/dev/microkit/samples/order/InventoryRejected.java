package dev.microkit.samples.order;

/**
 * The {@code inventory.rejected} event, as the inventory service publishes it.
 */
public record InventoryRejected(String orderId, String reason) {

}
