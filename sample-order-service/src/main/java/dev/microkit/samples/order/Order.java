package dev.microkit.samples.order;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An order.
 *
 * @param reason why it is rejected, or why a sync order went on asynchronously
 * @param completedAt when it reached its final status
 */
public record Order(String id, String sku, int quantity, OrderMode mode, OrderStatus status, String reason,
		OffsetDateTime createdAt, OffsetDateTime completedAt) {

	static Order place(PlaceOrderRequest request) {
		return new Order(UUID.randomUUID().toString(), request.sku(), request.quantity(), request.mode(),
				OrderStatus.PENDING, null, now(), null);
	}

	Order complete(OrderStatus status, String reason) {
		return new Order(this.id, this.sku, this.quantity, this.mode, status, reason, this.createdAt, now());
	}

	Order pending(String reason) {
		return new Order(this.id, this.sku, this.quantity, this.mode, OrderStatus.PENDING, reason, this.createdAt,
				null);
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
