package dev.microkit.samples.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A request to hold stock for an order.
 */
public record ReservationRequest(@NotBlank @Size(max = 64) String orderId, @NotBlank @Size(max = 64) String sku,
		@NotNull @Positive @Max(Stock.MAX_QUANTITY) Integer quantity) {

}
