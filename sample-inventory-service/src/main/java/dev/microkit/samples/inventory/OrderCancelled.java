package dev.microkit.samples.inventory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The {@code order.cancelled} event, as the order service publishes it.
 */
public record OrderCancelled(@NotBlank @Size(max = 64) String orderId) {
}
