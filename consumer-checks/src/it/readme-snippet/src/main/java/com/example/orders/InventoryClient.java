package com.example.orders;

import dev.microkit.calls.Idempotent;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient("inventory-service")
public interface InventoryClient {

    @GetMapping("/api/inventory/{sku}")
    Stock stock(@PathVariable String sku);

    @Idempotent // the server deduplicates by orderId: safe to retry on another instance
    @PostMapping("/api/inventory/reservations")
    Reservation reserve(@RequestBody ReservationRequest request);

}
