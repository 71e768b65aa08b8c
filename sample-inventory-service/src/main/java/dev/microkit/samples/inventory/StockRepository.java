package dev.microkit.samples.inventory;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stock levels. Reserving and releasing are single conditional updates, so concurrent
 * reservations can never take more than is available.
 */
@Repository
public class StockRepository {

	private final JdbcClient jdbc;

	public StockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Stock> find(String sku) {
		return this.jdbc.sql("select sku, available, reserved from stock where sku = ?")
			.param(sku)
			.query(Stock.class)
			.optional();
	}

	public void setAvailable(String sku, int available) {
		this.jdbc.sql("""
				merge into stock using (values (:sku, :available)) as given (sku, available) on stock.sku = given.sku
				when matched then update set available = given.available
				when not matched then insert (sku, available, reserved) values (given.sku, given.available, 0)
				""").param("sku", sku).param("available", available).update();
	}

	/**
	 * Moves {@code quantity} from available to reserved if that much is available and the
	 * reserved stock stays within {@link Stock#MAX_QUANTITY}, so that neither column can
	 * overflow: each is at most that, and a release moves at most all of reserved back.
	 * @return whether the stock was reserved
	 */
	public boolean reserve(String sku, int quantity) {
		return this.jdbc.sql("""
				update stock set available = available - :quantity, reserved = reserved + :quantity
				where sku = :sku and available >= :quantity and reserved <= :max - :quantity
				""").param("sku", sku).param("quantity", quantity).param("max", Stock.MAX_QUANTITY).update() == 1;
	}

	public void release(String sku, int quantity) {
		this.jdbc.sql("""
				update stock set available = available + :quantity, reserved = reserved - :quantity
				where sku = :sku
				""").param("sku", sku).param("quantity", quantity).update();
	}

}
