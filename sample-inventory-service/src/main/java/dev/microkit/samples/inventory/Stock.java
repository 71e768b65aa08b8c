package dev.microkit.samples.inventory;

/**
 * The stock of one SKU: what can still be reserved and what is reserved.
 */
public record Stock(String sku, int available, int reserved) {

	/**
	 * The most stock that can be set available, and the most that can be reserved, for
	 * one sku: their sum, all there is after a release, stays within an {@code int}.
	 */
	public static final int MAX_QUANTITY = 1_000_000_000;

}
