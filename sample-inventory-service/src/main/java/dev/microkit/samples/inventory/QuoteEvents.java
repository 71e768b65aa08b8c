package dev.microkit.samples.inventory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.microkit.events.EventHandler;

/**
 * Answers stock quotes asked for by event: the handler's return value is the reply. A
 * quote reads and changes nothing, so it needs no record of handled events.
 */
@Component
class QuoteEvents {

	private final Inventory inventory;

	private final String instanceId;

	QuoteEvents(Inventory inventory, @Value("${inventory.instance-id}") String instanceId) {
		this.inventory = inventory;
		this.instanceId = instanceId;
	}

	@EventHandler(value = "order.quote-requested", idempotent = false)
	StockQuote quote(QuoteRequested request) {
		try {
			return new StockQuote(request.sku(), true, this.inventory.stock(request.sku()).available(),
					this.instanceId);
		}
		catch (UnknownSkuException ex) {
			return new StockQuote(request.sku(), false, 0, this.instanceId);
		}
	}

}
