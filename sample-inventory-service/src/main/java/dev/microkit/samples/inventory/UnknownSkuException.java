package dev.microkit.samples.inventory;

/**
 * Thrown when a SKU has no stock record.
 */
public class UnknownSkuException extends RuntimeException {

	public UnknownSkuException(String sku) {
		super("SKU '" + sku + "' is unknown");
	}

}
