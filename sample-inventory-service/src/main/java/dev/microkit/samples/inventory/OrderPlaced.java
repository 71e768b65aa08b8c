package dev.microkit.samples.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The {@code order.placed} event, as the order service publishes it; its limits are those
 * of a reservation request, and an event that breaks them is dead-lettered unhandled.
 */
public record OrderPlaced(@NotBlank @Size(max = 64) String orderId, @NotBlank @Size(max = 64) String sku,
		@Positive @Max(Stock.MAX_QUANTITY) int quantity) {
}
