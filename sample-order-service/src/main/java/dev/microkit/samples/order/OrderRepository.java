package dev.microkit.samples.order;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders. Status changes are conditional updates, so a late or repeated answer never
 * overwrites a final status.
 */
@Repository
public class OrderRepository {

	private final JdbcClient jdbc;

	public OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Order> find(String id) {
		return this.jdbc.sql("""
				select id, sku, quantity, mode, status, reason, created_at, completed_at from orders where id = ?
				""").param(id).query(Order.class).optional();
	}

	public void insert(Order order) {
		this.jdbc.sql("""
				insert into orders (id, sku, quantity, mode, status, reason, created_at, completed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(order.id(), order.sku(), order.quantity(), order.mode().name(), order.status().name(),
					order.reason(), order.createdAt(), order.completedAt())
			.update();
	}

	/**
	 * Gives a pending order its final status.
	 * @return whether the order was pending
	 */
	public boolean complete(Order order) {
		return this.jdbc.sql("""
				update orders set status = ?, reason = ?, completed_at = ? where id = ? and status = 'PENDING'
				""").params(order.status().name(), order.reason(), order.completedAt(), order.id()).update() == 1;
	}

	/**
	 * Cancels an order that is pending or confirmed.
	 * @return whether it was
	 */
	public boolean cancel(String id, OffsetDateTime at) {
		return this.jdbc.sql("""
				update orders set status = 'CANCELLED', completed_at = coalesce(completed_at, ?)
				where id = ? and status in ('PENDING', 'CONFIRMED')
				""").params(at, id).update() == 1;
	}

}
