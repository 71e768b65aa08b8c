package dev.microkit.samples.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stock quotes: whether an order could be confirmed now, asked of inventory by event.
 */
@RestController
@RequestMapping(path = "/api/quotes", produces = MediaType.APPLICATION_JSON_VALUE)
public class QuoteController {

	private final InventoryQuotes quotes;

	public QuoteController(InventoryQuotes quotes) {
		this.quotes = quotes;
	}

	@GetMapping("/{sku}")
	public Quote quote(@PathVariable @Size(max = 64) String sku,
			@RequestParam(defaultValue = "1") @Min(1) @Max(1_000_000_000) int quantity) {
		return this.quotes.quote(sku, quantity);
	}

}
