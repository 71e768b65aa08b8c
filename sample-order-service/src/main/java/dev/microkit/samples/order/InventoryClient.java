package dev.microkit.samples.order;

import dev.microkit.calls.Idempotent;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The inventory service's API. microkit balances it over the service's instances and
 * protects it with a deadline, retries, a circuit breaker and ejection of failing
 * instances; {@code microkit.calls.clients.inventory-service.*} configures it.
 */
@FeignClient("inventory-service")
public interface InventoryClient {

	/**
	 * Reserves stock for an order; 409 when there is not enough.
	 */
	@Idempotent // inventory reserves an order id once, so a retry on another instance is
				// safe
	@PostMapping("/api/inventory/reservations")
	Reservation reserve(@RequestBody ReservationRequest request);

	record ReservationRequest(String orderId, String sku, int quantity) {
	}

	record Reservation(String orderId, String status) {
	}

}
