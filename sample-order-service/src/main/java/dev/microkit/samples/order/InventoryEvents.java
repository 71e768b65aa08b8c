package dev.microkit.samples.order;

import dev.microkit.events.EventHandler;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory's answers to placed orders.
 */
@Component
class InventoryEvents {

	private final OrderService orders;

	InventoryEvents(OrderService orders) {
		this.orders = orders;
	}

	@EventHandler("inventory.reserved")
	@Transactional
	void reserved(InventoryReserved event) {
		this.orders.complete(event.orderId(), OrderStatus.CONFIRMED, null);
	}

	@EventHandler("inventory.rejected")
	@Transactional
	void rejected(InventoryRejected event) {
		this.orders.complete(event.orderId(), OrderStatus.REJECTED, event.reason());
	}

}
