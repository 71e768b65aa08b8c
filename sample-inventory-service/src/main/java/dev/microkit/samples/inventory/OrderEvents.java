package dev.microkit.samples.inventory;

import dev.microkit.events.EventHandler;
import dev.microkit.events.EventPublisher;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The asynchronous side of the inventory: reserves stock for placed orders and releases
 * it for cancelled ones. The answer is published through the outbox in the same
 * transaction as the reservation, so it is sent if and only if the reservation commits.
 */
@Component
class OrderEvents {

	private final Inventory inventory;

	private final EventPublisher events;

	OrderEvents(Inventory inventory, EventPublisher events) {
		this.inventory = inventory;
		this.events = events;
	}

	@EventHandler("order.placed")
	@Transactional
	void placed(OrderPlaced order) {
		try {
			Reservation reservation = this.inventory
				.reserve(new ReservationRequest(order.orderId(), order.sku(), order.quantity()));
			if (reservation.isRejected()) {
				reject(order, reservation.reason());
			}
			else {
				this.events.publish("inventory.reserved", order.orderId(),
						new InventoryReserved(order.orderId(), order.sku(), order.quantity()));
			}
		}
		catch (UnknownSkuException ex) {
			reject(order, ex.getMessage());
		}
	}

	@EventHandler("order.cancelled")
	@Transactional
	void cancelled(OrderCancelled order) {
		this.inventory.release(order.orderId());
	}

	private void reject(OrderPlaced order, String reason) {
		this.events.publish("inventory.rejected", order.orderId(),
				new InventoryRejected(order.orderId(), order.sku(), order.quantity(), reason));
	}

}
