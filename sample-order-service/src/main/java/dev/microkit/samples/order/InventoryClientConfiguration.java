package dev.microkit.samples.order;

import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

/**
 * Enables the inventory client. Kept out of the application class so that test slices
 * such as {@code @WebMvcTest} do not try to create it.
 */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = InventoryClient.class)
class InventoryClientConfiguration {

}
