package dev.microkit.samples.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The {@code inventory.rejected} event, as the inventory service publishes it.
 */
public record InventoryRejected(@NotBlank @Size(max = 64) String orderId, @Size(max = 500) String reason) {
}
