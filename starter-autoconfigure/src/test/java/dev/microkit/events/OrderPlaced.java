package dev.microkit.events;

public record OrderPlaced(String orderId, String sku, int quantity, long sequence) {
}
