package dev.microkit.samples.order;

/**
 * Inventory's reply to a {@link QuoteRequested}.
 *
 * @param sku the sku asked about
 * @param known whether inventory keeps stock of it
 * @param available the stock that can be reserved now
 * @param answeredBy the inventory instance that answered
 */
public record InventoryQuote(String sku, boolean known, int available, String answeredBy) {

}
