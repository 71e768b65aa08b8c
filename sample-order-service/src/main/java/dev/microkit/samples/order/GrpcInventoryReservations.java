package dev.microkit.samples.order;

import dev.microkit.samples.inventory.v1.InventoryServiceGrpc;
import dev.microkit.samples.inventory.v1.Reservation;
import dev.microkit.samples.inventory.v1.ReserveRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reserves a sync order's stock over the inventory service's gRPC API. {@code Reserve} is
 * marked idempotent in the proto, so microkit retries it on another instance.
 */
class GrpcInventoryReservations implements InventoryReservations {

	private static final Log logger = LogFactory.getLog(GrpcInventoryReservations.class);

	private final InventoryServiceGrpc.InventoryServiceBlockingStub inventory;

	GrpcInventoryReservations(InventoryServiceGrpc.InventoryServiceBlockingStub inventory) {
		this.inventory = inventory;
	}

	@Override
	public Order reserve(Order order) {
		try {
			Reservation reservation = this.inventory.reserve(ReserveRequest.newBuilder()
				.setOrderId(order.id())
				.setSku(order.sku())
				.setQuantity(order.quantity())
				.build());
			return (reservation.getStatus() == Reservation.Status.RESERVED)
					? order.complete(OrderStatus.CONFIRMED, null)
					: order.complete(OrderStatus.REJECTED, reservation.getReason());
		}
		catch (StatusRuntimeException ex) {
			Status status = ex.getStatus();
			if (status.getCode() == Status.Code.NOT_FOUND) {
				return order.complete(OrderStatus.REJECTED, status.getDescription());
			}
			if (isUnreachable(status.getCode())) {
				logger.warn("Inventory could not be reached for order " + order.id() + ": " + ex);
				return order.pending(UNREACHABLE);
			}
			throw ex;
		}
	}

	/**
	 * The statuses microkit ends a call with when inventory gave no answer: every
	 * instance down or the circuit open ({@code UNAVAILABLE}), the deadline gone, the
	 * bulkhead or rate limiter full ({@code RESOURCE_EXHAUSTED}), a failure of its own,
	 * or this service's token refused ({@code UNAUTHENTICATED},
	 * {@code PERMISSION_DENIED}), which is not the order's fault either.
	 */
	private static boolean isUnreachable(Status.Code code) {
		return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
				|| code == Status.Code.RESOURCE_EXHAUSTED || code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN
				|| code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED;
	}

}
