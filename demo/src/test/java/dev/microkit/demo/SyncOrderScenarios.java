package dev.microkit.demo;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What sync orders promise, whichever protocol the order service calls inventory with:
 * the call decides them, a dead instance does not fail them, and when no instance answers
 * they go on by events. Run on a system of the demo's own by the HTTP and the gRPC
 * end-to-end tests.
 */
final class SyncOrderScenarios {

	private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

	private final LocalServices system;

	private final ShopClient shop;

	SyncOrderScenarios(LocalServices system, ShopClient shop) {
		this.system = system;
		this.shop = shop;
	}

	/**
	 * Enough stock confirms, too little rejects with the reason, an unknown sku rejects.
	 */
	void confirmOrRejectByTheCall(String sku) {
		this.shop.setStock(inventory(0), sku, 5);
		OrderView confirmed = this.shop.place(sku, 3, "sync");
		OrderView rejected = this.shop.place(sku, 3, "sync");
		assertThat(confirmed.status()).isEqualTo("CONFIRMED");
		assertThat(rejected.status()).isEqualTo("REJECTED");
		assertThat(rejected.reason()).contains("Not enough stock");
		assertThat(this.shop.stock(inventory(1), sku)).isEqualTo(new StockView(sku, 2, 3));
		OrderView unknownSku = this.shop.place(sku + "-no-such-sku", 1, "sync");
		assertThat(unknownSku.status()).isEqualTo("REJECTED");
		assertThat(unknownSku.reason()).contains("unknown");
	}

	/**
	 * Kills instance 0 and leaves it down: every order is confirmed by instance 1.
	 */
	void succeedWhileAnInstanceIsDown(String sku) {
		this.shop.setStock(inventory(1), sku, 1_000);
		this.system.killInventory(0);
		List<OrderView> orders = IntStream.range(0, 10).mapToObj((i) -> this.shop.place(sku, 1, "sync")).toList();
		assertThat(orders).extracting(OrderView::status).containsOnly("CONFIRMED");
		assertThat(this.shop.stock(inventory(1), sku)).isEqualTo(new StockView(sku, 990, 10));
	}

	/**
	 * With instance 0 down, kills instance 1 too: the order stays pending and is
	 * confirmed by events once instance 0 is back. Leaves instance 1 down.
	 */
	void goOnByEventsWhenNoInstanceAnswers(String sku) {
		this.shop.setStock(inventory(1), sku, 10);
		this.system.killInventory(1);
		OrderView pending = this.shop.place(sku, 1, "sync");
		assertThat(pending.status()).isEqualTo("PENDING");
		assertThat(pending.reason()).contains("continues asynchronously");

		this.system.restartInventory(0);
		OrderView confirmed = await().atMost(EVENT_TIMEOUT)
			.until(() -> this.shop.order(pending.id()), OrderView::isFinal);
		assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo("CONFIRMED");
		assertThat(this.shop.stock(inventory(0), sku)).isEqualTo(new StockView(sku, 9, 1));
	}

	/**
	 * With the token issuer down, the order service's calls keep their token until it
	 * expires, then fail closed, before anything is sent: a sync order goes on by events.
	 * The issuer back — with new signing keys, as every start of it makes — the calls get
	 * a new token and are confirmed by the call again.
	 */
	void goOnByEventsWhileTheIssuerIsDown(String sku, Duration tokenLifetime) {
		this.shop.setStock(inventory(0), sku, 100);
		this.shop.renewToken();
		this.system.killIssuer();
		OrderView pending = await().atMost(tokenLifetime.plusSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.shop.place(sku, 1, "sync"), (order) -> order.status().equals("PENDING"));
		assertThat(pending.reason()).contains("continues asynchronously");
		OrderView confirmed = await().atMost(EVENT_TIMEOUT)
			.until(() -> this.shop.order(pending.id()), OrderView::isFinal);
		assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo("CONFIRMED");

		this.system.restartIssuer();
		OrderView byTheCall = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.shop.place(sku, 1, "sync"), (order) -> !order.status().equals("PENDING"));
		assertThat(byTheCall.status()).as(byTheCall.toString()).isEqualTo("CONFIRMED");
	}

	private URI inventory(int index) {
		return this.system.inventory(index);
	}

}
