package dev.microkit.samples.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A new order.
 */
public record PlaceOrderRequest(@NotBlank @Size(max = 64) String sku, @NotNull @Positive @Max(10_000) Integer quantity,
		@NotNull OrderMode mode) {

}
