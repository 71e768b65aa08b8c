package dev.microkit.samples.order;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import dev.microkit.events.EventPublisher;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/**
 * Orders and their repository on a database migrated by Flyway; subclasses choose the
 * database. The inventory call and Kafka are stand-ins here: the end-to-end tests run
 * them for real.
 */
@JdbcTest
@Import({ OrderService.class, OrderRepository.class })
abstract class OrderDatabaseTests {

	@Autowired
	private OrderService orders;

	@Autowired
	private OrderRepository repository;

	@MockitoBean
	private InventoryReservations inventory;

	@MockitoBean
	private EventPublisher events;

	@Test
	void anOrderIsReadBackAsItWasStored() {
		OffsetDateTime created = OffsetDateTime.parse("2026-01-01T10:00:00.123Z");
		Order order = new Order("o-1", "pen", 2, OrderMode.SYNC, OrderStatus.REJECTED, "Not enough stock", created,
				created.plusSeconds(1));
		this.repository.insert(order);
		Order read = this.repository.find("o-1").orElseThrow();
		assertThat(read).usingRecursiveComparison().ignoringFields("createdAt", "completedAt").isEqualTo(order);
		assertThat(read.createdAt()).isAtSameInstantAs(created);
		assertThat(read.completedAt()).isAtSameInstantAs(created.plusSeconds(1));
	}

	@Test
	void anAsyncOrderIsStoredPendingAndPublishedAsPlaced() {
		Order order = this.orders.place(new PlaceOrderRequest("pen", 2, OrderMode.ASYNC));
		assertThat(this.orders.find(order.id()).status()).isEqualTo(OrderStatus.PENDING);
		then(this.events).should().publish("order.placed", order.id(), new OrderPlaced(order.id(), "pen", 2));
		then(this.inventory).should(never()).reserve(any());
	}

	@Test
	void aSyncOrderTheInventoryAnsweredIsStoredFinalAndPublishesNothing() {
		given(this.inventory.reserve(any()))
			.willAnswer((call) -> call.<Order>getArgument(0).complete(OrderStatus.CONFIRMED, null));
		Order order = this.orders.place(new PlaceOrderRequest("pen", 2, OrderMode.SYNC));
		assertThat(this.orders.find(order.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
		then(this.events).should(never()).publish(anyString(), anyString(), any());
	}

	@Test
	void aSyncOrderTheInventoryDidNotAnswerGoesOnAsPlacedEvent() {
		given(this.inventory.reserve(any()))
			.willAnswer((call) -> call.<Order>getArgument(0).pending("Inventory could not be reached"));
		Order order = this.orders.place(new PlaceOrderRequest("pen", 2, OrderMode.SYNC));
		assertThat(this.orders.find(order.id()).status()).isEqualTo(OrderStatus.PENDING);
		then(this.events).should().publish(eq("order.placed"), eq(order.id()), any(OrderPlaced.class));
	}

	@Test
	void theInventorysAnswerCompletesAPendingOrderOnce() {
		Order order = this.orders.place(new PlaceOrderRequest("pen", 2, OrderMode.ASYNC));
		this.orders.complete(order.id(), OrderStatus.REJECTED, "Not enough stock");
		this.orders.complete(order.id(), OrderStatus.CONFIRMED, null);
		Order completed = this.orders.find(order.id());
		assertThat(completed.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(completed.reason()).isEqualTo("Not enough stock");
		assertThat(completed.completedAt()).isCloseTo(OffsetDateTime.now(), within(1, ChronoUnit.MINUTES));
	}

	@Test
	void cancellingPublishesCancelledOnceAndWinsOverALateAnswer() {
		Order order = this.orders.place(new PlaceOrderRequest("pen", 2, OrderMode.ASYNC));
		assertThat(this.orders.cancel(order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(this.orders.cancel(order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
		this.orders.complete(order.id(), OrderStatus.CONFIRMED, null);
		assertThat(this.orders.find(order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
		then(this.events).should(times(1)).publish("order.cancelled", order.id(), new OrderCancelled(order.id()));
	}

	@Test
	void aRejectedOrderCannotBeCancelled() {
		Order order = this.orders.place(new PlaceOrderRequest("pen", 2, OrderMode.ASYNC));
		this.orders.complete(order.id(), OrderStatus.REJECTED, "Not enough stock");
		assertThatExceptionOfType(OrderNotCancellableException.class).isThrownBy(() -> this.orders.cancel(order.id()));
	}

	@Test
	void anUnknownOrderIsNotFound() {
		assertThatExceptionOfType(OrderNotFoundException.class).isThrownBy(() -> this.orders.find("o-none"));
		assertThatExceptionOfType(OrderNotFoundException.class).isThrownBy(() -> this.orders.cancel("o-none"));
	}

}
