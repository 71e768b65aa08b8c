package com.example.catalog;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

public interface PricingClient {

    @GetExchange("/api/prices/{sku}")
    String price(@PathVariable String sku);

}
