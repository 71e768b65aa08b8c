package dev.microkit.samples.inventory;

/**
 * The stock of one SKU: what can still be reserved and what is reserved.
 */
public record Stock(String sku, int available, int reserved) {

}
