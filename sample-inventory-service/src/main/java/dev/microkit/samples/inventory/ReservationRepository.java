package dev.microkit.samples.inventory;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reservations by order id.
 */
@Repository
public class ReservationRepository {

	private final JdbcClient jdbc;

	public ReservationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Reservation> find(String orderId) {
		return this.jdbc.sql("select order_id, sku, quantity, status, reason from reservation where order_id = ?")
			.param(orderId)
			.query(Reservation.class)
			.optional();
	}

	/**
	 * Inserts a new reservation.
	 * @throws org.springframework.dao.DuplicateKeyException when the order has one
	 */
	public void insert(Reservation reservation) {
		this.jdbc.sql("""
				insert into reservation (order_id, sku, quantity, status, reason, created_at)
				values (?, ?, ?, ?, ?, current_timestamp)
				""")
			.params(reservation.orderId(), reservation.sku(), reservation.quantity(), reservation.status().name(),
					reservation.reason())
			.update();
	}

	/**
	 * Marks a held reservation released.
	 * @return whether it was held until now
	 */
	public boolean release(String orderId) {
		return this.jdbc.sql("update reservation set status = 'RELEASED' where order_id = ? and status = 'RESERVED'")
			.param(orderId)
			.update() == 1;
	}

}
