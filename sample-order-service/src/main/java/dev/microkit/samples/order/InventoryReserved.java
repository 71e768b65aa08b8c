package dev.microkit.samples.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The {@code inventory.reserved} event, as the inventory service publishes it.
 */
public record InventoryReserved(@NotBlank @Size(max = 64) String orderId) {
}
