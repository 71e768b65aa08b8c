package com.example.orders;

public record ReservationRequest(String orderId, String sku, int quantity) {
}
