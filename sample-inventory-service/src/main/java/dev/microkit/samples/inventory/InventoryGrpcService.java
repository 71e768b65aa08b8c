package dev.microkit.samples.inventory;

import java.util.Comparator;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.microkit.samples.inventory.v1.GetStockRequest;
import dev.microkit.samples.inventory.v1.InventoryServiceGrpc;
import dev.microkit.samples.inventory.v1.ReleaseRequest;
import dev.microkit.samples.inventory.v1.ReleaseResponse;
import dev.microkit.samples.inventory.v1.ReserveRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The inventory over gRPC ({@code microkit.samples.inventory.v1.InventoryService}), with
 * the HTTP API's semantics: the same checks of the request, one reservation per order id,
 * and statuses for what HTTP answers with a problem — {@code INVALID_ARGUMENT} for 400,
 * {@code NOT_FOUND} for 404, {@code ABORTED} for the 409 of a concurrent reservation and
 * {@code INTERNAL} for 500, never with internals in the description.
 */
@Service
class InventoryGrpcService extends InventoryServiceGrpc.InventoryServiceImplBase {

	private static final Log logger = LogFactory.getLog(InventoryGrpcService.class);

	private final Inventory inventory;

	private final OnceOnlyReservations reservations;

	private final Validator validator;

	InventoryGrpcService(Inventory inventory, OnceOnlyReservations reservations, Validator validator) {
		this.inventory = inventory;
		this.reservations = reservations;
		this.validator = validator;
	}

	@Override
	public void getStock(GetStockRequest request, StreamObserver<dev.microkit.samples.inventory.v1.Stock> answer) {
		respond(answer, () -> {
			checkId("sku", request.getSku());
			Stock stock = this.inventory.stock(request.getSku());
			return dev.microkit.samples.inventory.v1.Stock.newBuilder()
				.setSku(stock.sku())
				.setAvailable(stock.available())
				.setReserved(stock.reserved())
				.build();
		});
	}

	@Override
	public void reserve(ReserveRequest request, StreamObserver<dev.microkit.samples.inventory.v1.Reservation> answer) {
		respond(answer, () -> {
			ReservationRequest reservationRequest = new ReservationRequest(request.getOrderId(), request.getSku(),
					request.getQuantity());
			check(this.validator.validate(reservationRequest));
			Reservation reservation = this.reservations.reserve(reservationRequest);
			dev.microkit.samples.inventory.v1.Reservation.Builder message = dev.microkit.samples.inventory.v1.Reservation
				.newBuilder()
				.setOrderId(reservation.orderId())
				.setSku(reservation.sku())
				.setQuantity(reservation.quantity())
				.setStatus(reservation.isRejected() ? dev.microkit.samples.inventory.v1.Reservation.Status.REJECTED
						: dev.microkit.samples.inventory.v1.Reservation.Status.RESERVED);
			if (reservation.reason() != null) {
				message.setReason(reservation.reason());
			}
			return message.build();
		});
	}

	@Override
	public void release(ReleaseRequest request, StreamObserver<ReleaseResponse> answer) {
		respond(answer, () -> {
			checkId("order_id", request.getOrderId());
			this.inventory.release(request.getOrderId());
			return ReleaseResponse.getDefaultInstance();
		});
	}

	private static <T> void respond(StreamObserver<T> answer, Supplier<T> work) {
		T result;
		try {
			result = work.get();
		}
		catch (StatusRuntimeException ex) {
			answer.onError(ex);
			return;
		}
		catch (UnknownSkuException ex) {
			answer.onError(Status.NOT_FOUND.withDescription(ex.getMessage()).asRuntimeException());
			return;
		}
		catch (DuplicateKeyException ex) {
			answer.onError(Status.ABORTED
				.withDescription(
						"Another request for the same order is being handled; repeat the request to get its outcome")
				.asRuntimeException());
			return;
		}
		catch (RuntimeException ex) {
			logger.error("gRPC request failed", ex);
			answer.onError(
					Status.INTERNAL.withDescription("The request could not be completed; the service logged the cause")
						.asRuntimeException());
			return;
		}
		answer.onNext(result);
		answer.onCompleted();
	}

	private static void checkId(String field, String value) {
		if (value.isBlank() || value.length() > 64) {
			throw Status.INVALID_ARGUMENT.withDescription(field + ": must be 1 to 64 characters").asRuntimeException();
		}
	}

	private static void check(Set<? extends ConstraintViolation<?>> violations) {
		if (!violations.isEmpty()) {
			String fields = violations.stream()
				.sorted(Comparator.comparing((violation) -> violation.getPropertyPath().toString()))
				.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
				.collect(Collectors.joining("; "));
			throw Status.INVALID_ARGUMENT.withDescription(fields).asRuntimeException();
		}
	}

}
