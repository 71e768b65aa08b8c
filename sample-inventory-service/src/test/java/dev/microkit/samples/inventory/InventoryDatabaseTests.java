package dev.microkit.samples.inventory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The inventory and its repositories on a database migrated by Flyway; subclasses choose
 * the database.
 */
@JdbcTest
@Import({ Inventory.class, StockRepository.class, ReservationRepository.class })
abstract class InventoryDatabaseTests {

	@Autowired
	private Inventory inventory;

	@Autowired
	private ReservationRepository reservations;

	@Test
	void settingStockCreatesThenUpdatesTheSku() {
		assertThat(this.inventory.setAvailable("pen", 5)).isEqualTo(new Stock("pen", 5, 0));
		assertThat(this.inventory.setAvailable("pen", 8)).isEqualTo(new Stock("pen", 8, 0));
	}

	@Test
	void reservingMovesStockFromAvailableToReserved() {
		this.inventory.setAvailable("pen", 5);
		Reservation reservation = this.inventory.reserve(new ReservationRequest("o-1", "pen", 3));
		assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
		assertThat(this.inventory.stock("pen")).isEqualTo(new Stock("pen", 2, 3));
	}

	@Test
	void reservingMoreThanAvailableIsRejectedAndHoldsNothing() {
		this.inventory.setAvailable("pen", 2);
		Reservation reservation = this.inventory.reserve(new ReservationRequest("o-1", "pen", 3));
		assertThat(reservation.status()).isEqualTo(ReservationStatus.REJECTED);
		assertThat(reservation.reason()).isEqualTo("Not enough stock: 2 available");
		assertThat(this.inventory.stock("pen")).isEqualTo(new Stock("pen", 2, 0));
	}

	@Test
	void reservedStockNeverGrowsPastItsMaximum() {
		this.inventory.setAvailable("pen", Stock.MAX_QUANTITY);
		this.inventory.reserve(new ReservationRequest("o-1", "pen", Stock.MAX_QUANTITY));
		this.inventory.setAvailable("pen", Stock.MAX_QUANTITY);
		Reservation reservation = this.inventory.reserve(new ReservationRequest("o-2", "pen", Stock.MAX_QUANTITY));
		assertThat(reservation.status()).isEqualTo(ReservationStatus.REJECTED);
		assertThat(this.inventory.stock("pen")).isEqualTo(new Stock("pen", Stock.MAX_QUANTITY, Stock.MAX_QUANTITY));
		this.inventory.release("o-1");
		assertThat(this.inventory.stock("pen")).isEqualTo(new Stock("pen", 2 * Stock.MAX_QUANTITY, 0));
	}

	@Test
	void reservingAnOrderAgainReturnsTheFirstOutcomeWithoutReservingTwice() {
		this.inventory.setAvailable("pen", 5);
		this.inventory.reserve(new ReservationRequest("o-1", "pen", 3));
		Reservation again = this.inventory.reserve(new ReservationRequest("o-1", "pen", 3));
		assertThat(again.status()).isEqualTo(ReservationStatus.RESERVED);
		assertThat(this.inventory.stock("pen")).isEqualTo(new Stock("pen", 2, 3));
	}

	@Test
	void aRejectedOrderStaysRejectedWhenStockArrivesLater() {
		this.inventory.setAvailable("pen", 1);
		this.inventory.reserve(new ReservationRequest("o-1", "pen", 3));
		this.inventory.setAvailable("pen", 10);
		assertThat(this.inventory.reserve(new ReservationRequest("o-1", "pen", 3)).status())
			.isEqualTo(ReservationStatus.REJECTED);
		assertThat(this.inventory.stock("pen")).isEqualTo(new Stock("pen", 10, 0));
	}

	@Test
	void reservingAnUnknownSkuFailsAndRecordsNothing() {
		assertThatExceptionOfType(UnknownSkuException.class)
			.isThrownBy(() -> this.inventory.reserve(new ReservationRequest("o-1", "ink", 1)))
			.withMessage("SKU 'ink' is unknown");
		assertThat(this.reservations.find("o-1")).isEmpty();
	}

	@Test
	void releasingReturnsTheStockOnce() {
		this.inventory.setAvailable("pen", 5);
		this.inventory.reserve(new ReservationRequest("o-1", "pen", 3));
		this.inventory.release("o-1");
		this.inventory.release("o-1");
		assertThat(this.inventory.stock("pen")).isEqualTo(new Stock("pen", 5, 0));
		assertThat(this.reservations.find("o-1")).get()
			.extracting(Reservation::status)
			.isEqualTo(ReservationStatus.RELEASED);
	}

	@Test
	void releasingARejectedOrUnknownOrderChangesNothing() {
		this.inventory.setAvailable("pen", 1);
		this.inventory.reserve(new ReservationRequest("o-1", "pen", 3));
		this.inventory.release("o-1");
		this.inventory.release("o-never");
		assertThat(this.inventory.stock("pen")).isEqualTo(new Stock("pen", 1, 0));
	}

}
