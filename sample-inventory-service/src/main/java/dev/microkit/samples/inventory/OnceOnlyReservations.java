package dev.microkit.samples.inventory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Reserves stock for an order once, whichever of its requests gets there first: a retry
 * of a slow first attempt can race it, over HTTP or gRPC; the loser's insert fails on the
 * order id, after the winner committed, and answers with the winner's outcome.
 */
@Component
class OnceOnlyReservations {

	private final Inventory inventory;

	OnceOnlyReservations(Inventory inventory) {
		this.inventory = inventory;
	}

	/**
	 * Reserves, or answers with the order's earlier outcome.
	 * @throws DuplicateKeyException when another request for the order is still in
	 * progress
	 * @throws UnknownSkuException when the sku has no stock record
	 */
	Reservation reserve(ReservationRequest request) {
		try {
			return this.inventory.reserve(request);
		}
		catch (DuplicateKeyException ex) {
			return this.inventory.reservation(request.orderId()).orElseThrow(() -> ex);
		}
	}

}
