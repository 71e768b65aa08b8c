package com.example.orders;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private final InventoryClient inventory;

    OrderController(InventoryClient inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/api/orders/{sku}")
    Stock stockFor(@PathVariable String sku) {
        return this.inventory.stock(sku);
    }

}
