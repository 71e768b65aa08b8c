package dev.microkit.samples.inventory;

/**
 * The outcome of reserving stock for one order. The order id is the key: an order is
 * reserved at most once, however often it is asked.
 *
 * @param reason why it was rejected, else {@code null}
 */
public record Reservation(String orderId, String sku, int quantity, ReservationStatus status, String reason) {

	static Reservation reserved(ReservationRequest request) {
		return new Reservation(request.orderId(), request.sku(), request.quantity(), ReservationStatus.RESERVED, null);
	}

	static Reservation rejected(ReservationRequest request, String reason) {
		return new Reservation(request.orderId(), request.sku(), request.quantity(), ReservationStatus.REJECTED,
				reason);
	}

	boolean isRejected() {
		return this.status == ReservationStatus.REJECTED;
	}

}
