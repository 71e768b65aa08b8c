package com.example.shop;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@FeignClient("pricing-service")
public interface PricingClient {

    @GetMapping("/api/prices/{sku}")
    String price(@PathVariable String sku);

}
