package com.example.catalog;

import dev.microkit.calls.http.HttpInterfaceClients;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class CatalogApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }

    @Bean
    PricingClient pricingClient(HttpInterfaceClients clients) {
        return clients.create("pricing-service", PricingClient.class);
    }

}
