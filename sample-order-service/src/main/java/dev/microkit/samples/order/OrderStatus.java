package dev.microkit.samples.order;

/**
 * Where an order is in its life.
 */
public enum OrderStatus {

	/** Waiting for the inventory's answer. */
	PENDING,

	/** Stock is reserved. */
	CONFIRMED,

	/** The inventory could not serve it. */
	REJECTED,

	/** The customer cancelled it; its stock is released. */
	CANCELLED;

	boolean isFinal() {
		return this != PENDING;
	}

}
