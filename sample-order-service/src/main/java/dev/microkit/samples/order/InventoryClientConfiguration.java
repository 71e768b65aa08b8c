package dev.microkit.samples.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microkit.calls.grpc.GrpcClients;
import dev.microkit.samples.inventory.v1.InventoryServiceGrpc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inventory clients, and the reservations of sync orders over the protocol
 * {@code order.inventory.protocol} names. Kept out of the application class so that test
 * slices such as {@code @WebMvcTest} do not try to create them.
 */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = InventoryClient.class)
@EnableConfigurationProperties(InventoryProperties.class)
class InventoryClientConfiguration {

	static final String INVENTORY_SERVICE = "inventory-service";

	@Bean
	InventoryReservations inventoryReservations(InventoryProperties properties, ObjectProvider<InventoryClient> http,
			ObjectProvider<GrpcClients> grpc, ObjectMapper objectMapper) {
		return switch (properties.protocol()) {
			case HTTP -> new HttpInventoryReservations(http.getObject(), objectMapper);
			case GRPC -> new GrpcInventoryReservations(
					InventoryServiceGrpc.newBlockingStub(grpc.getObject().channel(INVENTORY_SERVICE)));
		};
	}

}
