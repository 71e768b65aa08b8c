package dev.microkit.samples.inventory;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock and reservations. Both the HTTP API and the order events come here, so a call and
 * an event for the same order reserve its stock once.
 */
@Service
public class Inventory {

	private final StockRepository stock;

	private final ReservationRepository reservations;

	public Inventory(StockRepository stock, ReservationRepository reservations) {
		this.stock = stock;
		this.reservations = reservations;
	}

	@Transactional(readOnly = true)
	public Stock stock(String sku) {
		return this.stock.find(sku).orElseThrow(() -> new UnknownSkuException(sku));
	}

	@Transactional
	public Stock setAvailable(String sku, int available) {
		this.stock.setAvailable(sku, available);
		return stock(sku);
	}

	/**
	 * Reserves stock for an order once: asking again for the same order returns the first
	 * outcome. Two requests for one order at the same moment make one of them fail on the
	 * reservation's primary key, rolling back its stock update; {@link #reservation} then
	 * has the other one's outcome.
	 * @throws UnknownSkuException when the SKU has no stock record; nothing was written
	 * then, so a caller's transaction may go on (an event handler answers with a
	 * rejection)
	 */
	@Transactional(noRollbackFor = UnknownSkuException.class)
	public Reservation reserve(ReservationRequest request) {
		return this.reservations.find(request.orderId()).orElseGet(() -> decide(request));
	}

	@Transactional(readOnly = true)
	public Optional<Reservation> reservation(String orderId) {
		return this.reservations.find(orderId);
	}

	private Reservation decide(ReservationRequest request) {
		Stock current = stock(request.sku());
		Reservation reservation = this.stock.reserve(request.sku(), request.quantity()) ? Reservation.reserved(request)
				: Reservation.rejected(request, "Not enough stock: " + current.available() + " available");
		this.reservations.insert(reservation);
		return reservation;
	}

	/**
	 * Returns an order's stock if it holds any; releasing twice, or an order never
	 * reserved, changes nothing.
	 */
	@Transactional
	public void release(String orderId) {
		this.reservations.find(orderId)
			.filter((reservation) -> this.reservations.release(orderId))
			.ifPresent((reservation) -> this.stock.release(reservation.sku(), reservation.quantity()));
	}

}
