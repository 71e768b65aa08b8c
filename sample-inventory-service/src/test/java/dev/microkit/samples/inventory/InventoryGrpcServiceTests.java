package dev.microkit.samples.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.microkit.samples.inventory.v1.GetStockRequest;
import dev.microkit.samples.inventory.v1.ReleaseRequest;
import dev.microkit.samples.inventory.v1.ReserveRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * The gRPC API answers as the HTTP API does: the same checks, one reservation per order,
 * and a status for each problem, never with internals.
 */
class InventoryGrpcServiceTests {

	private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

	private final Inventory inventory = mock(Inventory.class);

	private final InventoryGrpcService service = new InventoryGrpcService(this.inventory,
			new OnceOnlyReservations(this.inventory), this.validation.getValidator());

	@AfterEach
	void close() {
		this.validation.close();
	}

	@Test
	void reservesAndAnswersWithTheReservation() {
		given(this.inventory.reserve(any())).willReturn(Reservation.reserved(request("order-1", "sku-1", 2)));
		Answer<dev.microkit.samples.inventory.v1.Reservation> answer = new Answer<>();
		this.service.reserve(reserve("order-1", "sku-1", 2), answer);
		assertThat(answer.value().getStatus()).isEqualTo(dev.microkit.samples.inventory.v1.Reservation.Status.RESERVED);
		assertThat(answer.value().getOrderId()).isEqualTo("order-1");
		assertThat(answer.completed).isTrue();
	}

	@Test
	void notEnoughStockIsAnAnswerWithTheReason() {
		given(this.inventory.reserve(any()))
			.willReturn(Reservation.rejected(request("order-1", "sku-1", 2), "Not enough stock: 1 available"));
		Answer<dev.microkit.samples.inventory.v1.Reservation> answer = new Answer<>();
		this.service.reserve(reserve("order-1", "sku-1", 2), answer);
		assertThat(answer.value().getStatus()).isEqualTo(dev.microkit.samples.inventory.v1.Reservation.Status.REJECTED);
		assertThat(answer.value().getReason()).contains("Not enough stock");
	}

	@Test
	void aBadRequestIsInvalidArgumentNamingEveryField() {
		Answer<dev.microkit.samples.inventory.v1.Reservation> answer = new Answer<>();
		this.service.reserve(reserve("", "sku-1", 0), answer);
		assertThat(answer.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(answer.status().getDescription()).contains("orderId").contains("quantity");
		then(this.inventory).should(never()).reserve(any());
	}

	@Test
	void anUnknownSkuIsNotFound() {
		given(this.inventory.stock("nope")).willThrow(new UnknownSkuException("nope"));
		Answer<dev.microkit.samples.inventory.v1.Stock> answer = new Answer<>();
		this.service.getStock(GetStockRequest.newBuilder().setSku("nope").build(), answer);
		assertThat(answer.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
		assertThat(answer.status().getDescription()).contains("nope");
	}

	@Test
	void aRepeatedOrderRacingItsFirstRequestGetsTheFirstOutcome() {
		Reservation first = Reservation.reserved(request("order-1", "sku-1", 2));
		given(this.inventory.reserve(any())).willThrow(new DuplicateKeyException("order-1"));
		given(this.inventory.reservation("order-1")).willReturn(Optional.of(first));
		Answer<dev.microkit.samples.inventory.v1.Reservation> answer = new Answer<>();
		this.service.reserve(reserve("order-1", "sku-1", 2), answer);
		assertThat(answer.value().getStatus()).isEqualTo(dev.microkit.samples.inventory.v1.Reservation.Status.RESERVED);
	}

	@Test
	void aRaceStillInProgressIsAbortedToBeRepeated() {
		given(this.inventory.reserve(any())).willThrow(new DuplicateKeyException("order-1"));
		given(this.inventory.reservation("order-1")).willReturn(Optional.empty());
		Answer<dev.microkit.samples.inventory.v1.Reservation> answer = new Answer<>();
		this.service.reserve(reserve("order-1", "sku-1", 2), answer);
		assertThat(answer.status().getCode()).isEqualTo(Status.Code.ABORTED);
	}

	@Test
	void anUnexpectedFailureIsInternalWithoutItsInternals() {
		given(this.inventory.reserve(any())).willThrow(new QueryTimeoutException("SELECT secret FROM stock"));
		Answer<dev.microkit.samples.inventory.v1.Reservation> answer = new Answer<>();
		this.service.reserve(reserve("order-1", "sku-1", 2), answer);
		assertThat(answer.status().getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(answer.status().getDescription()).doesNotContain("secret").contains("logged");
	}

	@Test
	void releasesByOrderIdAndChecksIt() {
		Answer<dev.microkit.samples.inventory.v1.ReleaseResponse> released = new Answer<>();
		this.service.release(ReleaseRequest.newBuilder().setOrderId("order-1").build(), released);
		assertThat(released.completed).isTrue();
		then(this.inventory).should().release("order-1");
		Answer<dev.microkit.samples.inventory.v1.ReleaseResponse> blank = new Answer<>();
		this.service.release(ReleaseRequest.newBuilder().setOrderId(" ").build(), blank);
		assertThat(blank.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
	}

	private static ReservationRequest request(String orderId, String sku, int quantity) {
		return new ReservationRequest(orderId, sku, quantity);
	}

	private static ReserveRequest reserve(String orderId, String sku, int quantity) {
		return ReserveRequest.newBuilder().setOrderId(orderId).setSku(sku).setQuantity(quantity).build();
	}

	/**
	 * What the service answered.
	 */
	static final class Answer<T> implements StreamObserver<T> {

		private final List<T> values = new ArrayList<>();

		private Throwable error;

		private boolean completed;

		@Override
		public void onNext(T value) {
			this.values.add(value);
		}

		@Override
		public void onError(Throwable error) {
			this.error = error;
		}

		@Override
		public void onCompleted() {
			this.completed = true;
		}

		T value() {
			assertThat(this.error).isNull();
			assertThat(this.values).hasSize(1);
			return this.values.get(0);
		}

		Status status() {
			assertThat(this.values).isEmpty();
			assertThat(this.error).isNotNull();
			return Status.fromThrowable(this.error);
		}

	}

}
