package dev.microkit.samples.order;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.microkit.events.EventPublisher;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Places, completes and cancels orders. Every event is published in the transaction that
 * changes the order, so with the outbox it is sent if and only if the change commits.
 */
@Service
public class OrderService {

	private final OrderRepository orders;

	private final InventoryReservations inventory;

	private final EventPublisher events;

	private final TransactionOperations transactions;

	OrderService(OrderRepository orders, InventoryReservations inventory, EventPublisher events,
			TransactionOperations transactions) {
		this.orders = orders;
		this.inventory = inventory;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * Places an order. A sync order calls the inventory before its transaction starts, so
	 * no database connection waits on the network.
	 */
	public Order place(PlaceOrderRequest request) {
		Order placed = Order.place(request);
		Order order = (request.mode() == OrderMode.SYNC) ? this.inventory.reserve(placed) : placed;
		return this.transactions.execute((status) -> {
			this.orders.insert(order);
			if (order.status() == OrderStatus.PENDING) {
				this.events.publish("order.placed", order.id(), OrderPlaced.of(order));
			}
			return order;
		});
	}

	public Order find(String id) {
		return this.orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
	}

	/**
	 * Gives a pending order the inventory's answer; an answer for an order that is no
	 * longer pending (cancelled meanwhile, or answered twice) changes nothing.
	 */
	public void complete(String id, OrderStatus status, String reason) {
		this.orders.find(id).ifPresent((order) -> this.orders.complete(order.complete(status, reason)));
	}

	/**
	 * Cancels an order and tells the inventory to release its stock. Cancelling a
	 * cancelled order is a no-op.
	 * @throws OrderNotCancellableException when the order was rejected
	 */
	public Order cancel(String id) {
		return this.transactions.execute((status) -> {
			Order order = find(id);
			if (order.status() == OrderStatus.REJECTED) {
				throw new OrderNotCancellableException(order);
			}
			if (this.orders.cancel(id, OffsetDateTime.now(ZoneOffset.UTC))) {
				this.events.publish("order.cancelled", id, new OrderCancelled(id));
			}
			return find(id);
		});
	}

}
