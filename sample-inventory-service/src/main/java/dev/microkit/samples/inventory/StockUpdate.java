package dev.microkit.samples.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A new stock level for a SKU.
 */
public record StockUpdate(@NotNull @PositiveOrZero @Max(Stock.MAX_QUANTITY) Integer available) {

}
