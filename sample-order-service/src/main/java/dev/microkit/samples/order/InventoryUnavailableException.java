package dev.microkit.samples.order;

/**
 * Thrown when inventory did not answer in time.
 */
public class InventoryUnavailableException extends RuntimeException {

	public InventoryUnavailableException(String message) {
		super(message);
	}

}
