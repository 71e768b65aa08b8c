package dev.microkit.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both sample services as real processes, on the system the module's test classes share
 * ({@link LocalServicesExtension}). The tests run in order, and last of the module's: the
 * last ones stop inventory instances.
 */
@ExtendWith(LocalServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(2)
class OrderFlowEndToEndTests {

	private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

	private LocalServices system;

	private ShopClient shop;

	private URI orders;

	private SyncOrderScenarios syncCalls;

	@BeforeAll
	void useSystem(LocalServices system) {
		this.system = system;
		this.shop = new ShopClient(system.orderService(), system.issuer());
		this.orders = system.orderService();
		this.syncCalls = new SyncOrderScenarios(system, this.shop);
	}

	@Test
	@Order(1)
	void syncOrdersAreConfirmedOrRejectedByTheCall() {
		this.syncCalls.confirmOrRejectByTheCall("e2e-sync");
	}

	@Test
	@Order(2)
	void asyncOrdersAreConfirmedOrRejectedByInventoryEvents() {
		this.shop.setStock(inventory(0), "e2e-async", 5);
		OrderView first = this.shop.place("e2e-async", 3, "async");
		assertThat(first.status()).isEqualTo("PENDING");
		assertThat(awaitFinal(first).status()).isEqualTo("CONFIRMED");
		OrderView second = this.shop.place("e2e-async", 3, "async");
		OrderView rejected = awaitFinal(second);
		assertThat(rejected.status()).isEqualTo("REJECTED");
		assertThat(rejected.reason()).contains("Not enough stock");
		OrderView unknownSku = awaitFinal(this.shop.place("e2e-no-such-sku", 1, "async"));
		assertThat(unknownSku.status()).isEqualTo("REJECTED");
		assertThat(unknownSku.reason()).contains("unknown");
		assertThat(this.shop.stock(inventory(0), "e2e-async")).isEqualTo(new StockView("e2e-async", 2, 3));
	}

	@Test
	@Order(2)
	void aStockQuoteIsAskedOfInventoryByEventAndAnswered() {
		this.shop.setStock(inventory(1), "e2e-quote", 7);
		QuoteView quote = this.shop.quote("e2e-quote", 5);
		assertThat(quote).extracting(QuoteView::sku, QuoteView::quantity, QuoteView::available, QuoteView::enough)
			.containsExactly("e2e-quote", 5, 7, true);
		assertThat(quote.answeredBy()).isNotBlank();
		assertThat(this.shop.quote("e2e-quote", 8).enough()).isFalse();
		assertThat(this.shop.quoteStatus("e2e-no-such-sku")).isEqualTo(404);
	}

	@Test
	@Order(3)
	void cancellingAnOrderReleasesItsStock() {
		this.shop.setStock(inventory(0), "e2e-cancel", 10);
		OrderView sync = this.shop.place("e2e-cancel", 4, "sync");
		OrderView async = awaitFinal(this.shop.place("e2e-cancel", 2, "async"));
		assertThat(this.shop.stock(inventory(0), "e2e-cancel")).isEqualTo(new StockView("e2e-cancel", 4, 6));

		assertThat(this.shop.cancel(sync.id()).status()).isEqualTo("CANCELLED");
		assertThat(this.shop.cancel(async.id()).status()).isEqualTo("CANCELLED");
		assertThat(this.shop.cancel(async.id()).status()).isEqualTo("CANCELLED");
		await().atMost(EVENT_TIMEOUT)
			.untilAsserted(() -> assertThat(this.shop.stock(inventory(1), "e2e-cancel"))
				.isEqualTo(new StockView("e2e-cancel", 10, 0)));
	}

	@Test
	@Order(4)
	void repeatedOrderEventsReserveStockOnce() {
		this.shop.setStock(inventory(0), "e2e-duplicates", 100);
		String orderId = UUID.randomUUID().toString();
		String eventId = UUID.randomUUID().toString();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(orderPlaced(eventId, orderId, "e2e-duplicates", 7));
			producer.send(orderPlaced(eventId, orderId, "e2e-duplicates", 7));
			producer.send(orderPlaced(UUID.randomUUID().toString(), orderId, "e2e-duplicates", 7));
			// Same key, so the same partition: handled after the three above.
			producer.send(orderPlaced(UUID.randomUUID().toString(), orderId, "e2e-marker", 1));
		}
		this.shop.setStock(inventory(0), "e2e-marker", 0);
		await().atMost(EVENT_TIMEOUT)
			.untilAsserted(() -> assertThat(this.shop.stock(inventory(0), "e2e-duplicates").reserved()).isEqualTo(7));
		assertThat(this.shop.stock(inventory(1), "e2e-duplicates")).isEqualTo(new StockView("e2e-duplicates", 93, 7));
	}

	@Test
	@Order(5)
	void aMalformedEventIsDeadLetteredWithItsOriginalBytes() {
		String key = UUID.randomUUID().toString();
		byte[] garbage = "{\"orderId\": not json".getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<String, byte[]> producer = producer()) {
			ProducerRecord<String, byte[]> poison = orderPlaced(UUID.randomUUID().toString(), key, "x", 1);
			producer.send(new ProducerRecord<>("orders", null, key, garbage, poison.headers()));
		}
		assertThat(deadLetter(key).value()).isEqualTo(garbage);
	}

	/**
	 * An order id of half a million characters and no SKU or quantity: JSON the payload
	 * type reads, but not an order the inventory could answer.
	 */
	@Test
	@Order(5)
	void anEventThatBreaksItsPayloadsConstraintsIsDeadLetteredWithTheReason() {
		String key = UUID.randomUUID().toString();
		byte[] oversized = ("{\"orderId\":\"" + "x".repeat(500_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<String, byte[]> producer = producer()) {
			ProducerRecord<String, byte[]> poison = orderPlaced(UUID.randomUUID().toString(), key, "x", 1);
			producer.send(new ProducerRecord<>("orders", null, key, oversized, poison.headers()));
		}
		ConsumerRecord<String, byte[]> deadLetter = deadLetter(key);
		assertThat(deadLetter.value()).isEqualTo(oversized);
		assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-exception-message").value(),
				StandardCharsets.UTF_8))
			.contains("breaks the constraints")
			.contains("orderId size must be between 0 and 64")
			.contains("sku must not be blank")
			.contains("quantity must be greater than 0");
	}

	private ConsumerRecord<String, byte[]> deadLetter(String key) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.system.broker().bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlt-reader-" + key,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of("orders-dlt"));
			List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
			await().atMost(EVENT_TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach(deadLetters::add);
				return deadLetters.stream().anyMatch((record) -> key.equals(record.key()));
			});
			return deadLetters.stream().filter((record) -> key.equals(record.key())).findFirst().orElseThrow();
		}
	}

	@Test
	@Order(6)
	void actuatorExposesNothingThatLeaksEnvironmentHeapOrConfiguration() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (URI service : List.of(this.orders, inventory(0))) {
			for (String endpoint : List.of("env", "configprops", "beans", "heapdump", "threaddump", "mappings",
					"loggers", "shutdown", "conditions", "scheduledtasks")) {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(service.resolve("/actuator/" + endpoint)).build(),
						HttpResponse.BodyHandlers.discarding());
				assertThat(response.statusCode()).as(service + " /actuator/" + endpoint + " without a token")
					.isEqualTo(401);
				assertThat(this.shop.status(service.resolve("/actuator/" + endpoint)))
					.as(service + " /actuator/" + endpoint + " with a token")
					.isEqualTo(404);
			}
			assertThat(this.shop.get(service.resolve("/actuator/info"))).startsWith("{");
		}
		assertThat(this.shop.get(this.orders.resolve("/actuator/calls"))).contains("inventory-service");
	}

	@Test
	@Order(6)
	void everyDashboardPanelMetricIsExposedByTheServices() throws IOException {
		StringBuilder scrapes = new StringBuilder();
		for (URI service : List.of(this.orders, inventory(0), inventory(1))) {
			scrapes.append(this.shop.get(service.resolve("/actuator/prometheus")));
			assertThat(this.shop.get(service.resolve("/actuator/health/liveness"))).contains("UP");
		}
		Set<String> exposed = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE)
			.matcher(scrapes)
			.results()
			.map((match) -> match.group(1))
			.collect(Collectors.toSet());
		Pattern metric = Pattern.compile("\\b(?:microkit|resilience4j|kafka|http|jvm|process)_[a-z0-9_]+");
		Set<String> used = new TreeSet<>();
		for (String dashboard : List.of("calls.json", "events.json")) {
			String json = Files
				.readString(LocalServicesExtension.HOME.resolve("monitoring/grafana/dashboards/" + dashboard));
			metric.matcher(json).results().map(MatchResult::group).forEach(used::add);
		}
		assertThat(used).hasSizeGreaterThan(10);
		// the queue gauges are the RabbitMQ transport's (RabbitMqOrderFlowTests checks
		// them)
		used.removeIf((name) -> name.startsWith("microkit_events_queue_"));
		assertThat(exposed).containsAll(used);
	}

	@Test
	@Order(7)
	void syncOrdersSucceedWhileAnInventoryInstanceIsDown() {
		this.syncCalls.succeedWhileAnInstanceIsDown("e2e-failover");
	}

	@Test
	@Order(8)
	void syncOrderGoesOnByEventsWhenNoInventoryInstanceAnswers() {
		this.syncCalls.goOnByEventsWhenNoInstanceAnswers("e2e-fallback");
	}

	@Test
	@Order(9)
	void syncOrdersGoOnByEventsWhileTheIssuerIsDownAndByTheCallWhenItIsBack() {
		this.syncCalls.goOnByEventsWhileTheIssuerIsDown("e2e-issuer",
				LocalServicesExtension.ORDER_SERVICE_TOKEN_LIFETIME);
	}

	private OrderView awaitFinal(OrderView order) {
		return await().atMost(EVENT_TIMEOUT).until(() -> this.shop.order(order.id()), OrderView::isFinal);
	}

	private URI inventory(int index) {
		return this.system.inventory(index);
	}

	private KafkaProducer<String, byte[]> producer() {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.system.broker().bootstrapServers()),
				new StringSerializer(), new ByteArraySerializer());
	}

	private static ProducerRecord<String, byte[]> orderPlaced(String eventId, String orderId, String sku,
			int quantity) {
		String payload = "{\"orderId\":\"%s\",\"sku\":\"%s\",\"quantity\":%d}".formatted(orderId, sku, quantity);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>("orders", orderId,
				payload.getBytes(StandardCharsets.UTF_8));
		header(record, "ce_specversion", "1.0");
		header(record, "ce_id", eventId);
		header(record, "ce_type", "order.placed");
		header(record, "ce_source", "/e2e-test");
		header(record, "ce_time", OffsetDateTime.now().toString());
		header(record, "content-type", "application/json");
		return record;
	}

	private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
