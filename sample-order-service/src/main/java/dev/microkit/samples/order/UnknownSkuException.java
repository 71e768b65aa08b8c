package dev.microkit.samples.order;

/**
 * Thrown when inventory keeps no stock of a sku.
 */
public class UnknownSkuException extends RuntimeException {

	public UnknownSkuException(String sku) {
		super("Inventory keeps no stock of sku '" + sku + "'");
	}

}
