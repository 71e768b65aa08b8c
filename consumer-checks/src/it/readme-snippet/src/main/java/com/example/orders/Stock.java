package com.example.orders;

public record Stock(String sku, int available, int reserved) {
}
