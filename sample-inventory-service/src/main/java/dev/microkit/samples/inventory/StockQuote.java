package dev.microkit.samples.inventory;

/**
 * The answer to a {@link QuoteRequested}: the stock available now, and the instance that
 * answered.
 */
public record StockQuote(String sku, boolean known, int available, String answeredBy) {

}
