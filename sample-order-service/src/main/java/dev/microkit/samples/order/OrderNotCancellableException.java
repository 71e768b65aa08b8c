package dev.microkit.samples.order;

/**
 * Thrown when an order has a status that cannot be cancelled.
 */
public class OrderNotCancellableException extends RuntimeException {

	public OrderNotCancellableException(Order order) {
		super("Order '" + order.id() + "' is " + order.status() + " and cannot be cancelled");
	}

}
