package dev.microkit.samples.order;

/**
 * The {@code order.placed} event.
 */
public record OrderPlaced(String orderId, String sku, int quantity) {

	static OrderPlaced of(Order order) {
		return new OrderPlaced(order.id(), order.sku(), order.quantity());
	}

}
