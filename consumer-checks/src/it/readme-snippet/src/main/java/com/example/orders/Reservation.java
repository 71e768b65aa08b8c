package com.example.orders;

public record Reservation(String orderId, String sku, int quantity) {
}
