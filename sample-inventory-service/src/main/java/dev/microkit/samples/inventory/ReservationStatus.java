package dev.microkit.samples.inventory;

/**
 * What became of a reservation request.
 */
public enum ReservationStatus {

	/** The stock is held for the order. */
	RESERVED,

	/** There was not enough stock; nothing is held. */
	REJECTED,

	/** The order was cancelled and its stock returned. */
	RELEASED

}
