package dev.microkit.samples.order;

/**
 * The {@code inventory.reserved} event, as the inventory service publishes it.
 */
public record InventoryReserved(String orderId) {

}
