package dev.microkit.demo;

/**
 * A stock quote as the order service returns it: asked of inventory by event
 * (request-reply).
 */
public record QuoteView(String sku, int quantity, int available, boolean enough, String answeredBy) {

}
