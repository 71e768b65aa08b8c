package dev.microkit.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both sample services as real processes — two inventory instances sharing their
 * database, one order service — on a KRaft broker in this JVM. The database is an H2
 * server in this JVM, as PostgreSQL would be in production, so that stopping an
 * instance takes nothing but that instance away. The tests run in order: the last ones
 * stop inventory instances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderFlowEndToEndTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

	private final Path home = Path.of(System.getProperty("microkit.home", ".."));

	private final ServiceJars jars = new ServiceJars(this.home);

	private final Path work = this.home.resolve("demo/target/e2e");

	private EmbeddedKafkaKraftBroker broker;

	private Server database;

	private final List<Integer> inventoryPorts = new ArrayList<>();

	private final List<ServiceProcess> inventories = new ArrayList<>();

	private ServiceProcess orderService;

	private ShopClient shop;

	private URI orders;

	@BeforeAll
	void startSystem() throws IOException, SQLException {
		deleteRecursively(this.work);
		this.broker = new EmbeddedKafkaKraftBroker(1, 3, "orders", "orders-dlt", "inventory", "inventory-dlt");
		this.broker.brokerListProperty(null);
		this.broker.afterPropertiesSet();
		Files.createDirectories(this.work.resolve("data"));
		this.database = Server
			.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", this.work.resolve("data").toString())
			.start();
		this.inventoryPorts.addAll(List.of(freePort(), freePort()));
		int orderPort = freePort();
		this.inventories.add(startInventory(0));
		this.inventories.add(startInventory(1));
		this.orderService = ServiceProcess.start("order", this.jars.orderService(), List.of("-Xmx384m"),
				List.of("--server.port=" + orderPort, kafka(), database("orders"),
						"--spring.cloud.discovery.client.simple.instances.inventory-service[0].uri="
								+ inventory(0),
						"--spring.cloud.discovery.client.simple.instances.inventory-service[1].uri="
								+ inventory(1)),
				this.work, this.work.resolve("order.log"));
		this.orders = URI.create("http://localhost:" + orderPort);
		for (ServiceProcess inventory : this.inventories) {
			inventory.awaitReady(readiness(inventory(this.inventories.indexOf(inventory))), START_TIMEOUT);
		}
		this.orderService.awaitReady(readiness(this.orders), START_TIMEOUT);
		this.shop = new ShopClient(this.orders);
	}

	@AfterAll
	void stopSystem() {
		if (this.orderService != null) {
			this.orderService.close();
		}
		this.inventories.forEach(ServiceProcess::close);
		if (this.broker != null) {
			this.broker.destroy();
		}
		if (this.database != null) {
			this.database.stop();
		}
	}

	@Test
	@Order(1)
	void syncOrdersAreConfirmedOrRejectedByTheCall() {
		this.shop.setStock(inventory(0), "e2e-sync", 5);
		OrderView confirmed = this.shop.place("e2e-sync", 3, "sync");
		OrderView rejected = this.shop.place("e2e-sync", 3, "sync");
		assertThat(confirmed.status()).isEqualTo("CONFIRMED");
		assertThat(rejected.status()).isEqualTo("REJECTED");
		assertThat(rejected.reason()).contains("Not enough stock");
		assertThat(this.shop.stock(inventory(1), "e2e-sync")).isEqualTo(new StockView("e2e-sync", 2, 3));
		OrderView unknownSku = this.shop.place("e2e-no-such-sku", 1, "sync");
		assertThat(unknownSku.status()).isEqualTo("REJECTED");
		assertThat(unknownSku.reason()).contains("unknown");
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
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlt-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of("orders-dlt"));
			List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
			await().atMost(EVENT_TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach(deadLetters::add);
				return deadLetters.stream().anyMatch((record) -> key.equals(record.key()));
			});
			assertThat(deadLetters).filteredOn((record) -> key.equals(record.key()))
				.singleElement()
				.satisfies((record) -> assertThat(record.value()).isEqualTo(garbage));
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
				assertThat(response.statusCode()).as(service + " /actuator/" + endpoint).isEqualTo(404);
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
			String json = Files.readString(this.home.resolve("monitoring/grafana/dashboards/" + dashboard));
			metric.matcher(json).results().map(MatchResult::group).forEach(used::add);
		}
		assertThat(used).hasSizeGreaterThan(10);
		assertThat(exposed).containsAll(used);
	}

	@Test
	@Order(7)
	void syncOrdersSucceedWhileAnInventoryInstanceIsDown() {
		this.shop.setStock(inventory(1), "e2e-failover", 1_000);
		this.inventories.get(0).kill();
		List<OrderView> orders = IntStream.range(0, 10).mapToObj((i) -> this.shop.place("e2e-failover", 1, "sync")).toList();
		assertThat(orders).extracting(OrderView::status).containsOnly("CONFIRMED");
		assertThat(this.shop.stock(inventory(1), "e2e-failover")).isEqualTo(new StockView("e2e-failover", 990, 10));
	}

	@Test
	@Order(8)
	void syncOrderGoesOnByEventsWhenNoInventoryInstanceAnswers() {
		this.shop.setStock(inventory(1), "e2e-fallback", 10);
		this.inventories.get(1).kill();
		OrderView pending = this.shop.place("e2e-fallback", 1, "sync");
		assertThat(pending.status()).isEqualTo("PENDING");
		assertThat(pending.reason()).contains("continues asynchronously");

		ServiceProcess restarted = startInventory(0);
		this.inventories.add(restarted);
		restarted.awaitReady(readiness(inventory(0)), START_TIMEOUT);
		OrderView confirmed = awaitFinal(pending);
		assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo("CONFIRMED");
		assertThat(this.shop.stock(inventory(0), "e2e-fallback")).isEqualTo(new StockView("e2e-fallback", 9, 1));
	}

	private OrderView awaitFinal(OrderView order) {
		return await().atMost(EVENT_TIMEOUT).until(() -> this.shop.order(order.id()), OrderView::isFinal);
	}

	private ServiceProcess startInventory(int index) {
		int port = this.inventoryPorts.get(index);
		return ServiceProcess.start("inventory-" + port, this.jars.inventoryService(), List.of("-Xmx384m"),
				List.of("--server.port=" + port, kafka(), database("inventory")), this.work,
				this.work.resolve("inventory-" + port + "-" + System.nanoTime() + ".log"));
	}

	private String kafka() {
		return "--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString();
	}

	private String database(String name) {
		return "--spring.datasource.url=jdbc:h2:tcp://localhost:" + this.database.getPort() + "/" + name
				+ ";WRITE_DELAY=0";
	}

	private URI inventory(int index) {
		return URI.create("http://localhost:" + this.inventoryPorts.get(index));
	}

	private static URI readiness(URI service) {
		return service.resolve("/actuator/health/readiness");
	}

	private KafkaProducer<String, byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()),
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (Files.exists(path)) {
			try (var files = Files.walk(path)) {
				files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
			}
		}
	}

}
