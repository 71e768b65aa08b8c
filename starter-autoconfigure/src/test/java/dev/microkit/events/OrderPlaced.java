package dev.microkit.events;

record OrderPlaced(String orderId, String sku, int quantity, long sequence) {
}
