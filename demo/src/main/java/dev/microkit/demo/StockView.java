package dev.microkit.demo;

/**
 * The stock of a SKU as the inventory service returns it.
 */
public record StockView(String sku, int available, int reserved) {

}
