package dev.microkit.samples.inventory;

/**
 * The order service asks what stock there is for a sku: a request, answered by
 * {@link QuoteEvents} with a {@link StockQuote}.
 */
public record QuoteRequested(String sku) {

}
