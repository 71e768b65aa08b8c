package dev.microkit.samples.inventory;

/**
 * The {@code inventory.reserved} event: stock is held for the order.
 */
public record InventoryReserved(String orderId, String sku, int quantity) {

}
