package dev.microkit.samples.order;

/**
 * Whether an order for a quantity of a sku could be confirmed now, as {@code GET
 * /api/quotes/{sku}} answers it.
 *
 * @param sku the sku
 * @param quantity the quantity asked about
 * @param available the stock inventory has available
 * @param enough whether that covers the quantity
 * @param answeredBy the inventory instance that answered
 */
public record Quote(String sku, int quantity, int available, boolean enough, String answeredBy) {

}
