package dev.microkit.samples.order;

/**
 * Asks inventory, by event, what stock there is for a sku: a request, whose reply is an
 * {@link InventoryQuote}.
 */
public record QuoteRequested(String sku) {

}
