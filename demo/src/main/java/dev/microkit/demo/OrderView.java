package dev.microkit.demo;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * An order as the order service returns it.
 */
public record OrderView(String id, String sku, int quantity, String mode, String status, String reason,
		OffsetDateTime createdAt, OffsetDateTime completedAt) {

	public boolean isFinal() {
		return !"PENDING".equals(this.status);
	}

	/**
	 * Time from placing the order to its final status, measured by the order service.
	 */
	public Duration timeToFinal() {
		return Duration.between(this.createdAt, this.completedAt);
	}

}
