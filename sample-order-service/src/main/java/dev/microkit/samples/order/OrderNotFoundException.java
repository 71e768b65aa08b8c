package dev.microkit.samples.order;

/**
 * Thrown when no order has the given id.
 */
public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(String id) {
		super("Order '" + id + "' does not exist");
	}

}
