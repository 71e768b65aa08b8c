package dev.microkit.samples.order;

import java.time.Duration;

import org.springframework.stereotype.Service;

import dev.microkit.events.EventPublisher;
import dev.microkit.events.EventRequestTimeoutException;

/**
 * Asks inventory for stock quotes by event and waits for the reply: request-reply over
 * the broker, where an order's reservation is a call or a pair of events.
 */
@Service
public class InventoryQuotes {

	private final EventPublisher events;

	private final Duration timeout;

	public InventoryQuotes(EventPublisher events, InventoryProperties properties) {
		this.events = events;
		this.timeout = properties.quoteTimeout();
	}

	/**
	 * Asks for a quote.
	 * @param sku the sku
	 * @param quantity the quantity an order would take
	 * @return the quote
	 * @throws UnknownSkuException when inventory keeps no stock of the sku
	 * @throws InventoryUnavailableException when no inventory instance answered in time
	 */
	public Quote quote(String sku, int quantity) {
		InventoryQuote reply;
		try {
			reply = this.events.requestAndWait("order.quote-requested", sku, new QuoteRequested(sku),
					InventoryQuote.class, this.timeout);
		}
		catch (EventRequestTimeoutException ex) {
			throw new InventoryUnavailableException(
					"No inventory instance answered the stock quote within " + this.timeout.toMillis() + " ms");
		}
		if (!reply.known()) {
			throw new UnknownSkuException(sku);
		}
		return new Quote(sku, quantity, reply.available(), reply.available() >= quantity, reply.answeredBy());
	}

}
