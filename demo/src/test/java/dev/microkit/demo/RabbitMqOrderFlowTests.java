package dev.microkit.demo;

import java.net.URI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.microkit.testsupport.rabbitmq.RabbitMqServer;
import dev.microkit.testsupport.rabbitmq.TestRabbitMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order flow of {@code ./demo.sh --transport=rabbitmq}: the demo's own system, its
 * events through a real RabbitMQ ({@link TestRabbitMq}), on free ports and topics of its
 * own. Skipped where neither Docker nor a local RabbitMQ is there. It runs before the
 * classes that share the Kafka system, so that the two systems do not share the cores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(0)
class RabbitMqOrderFlowTests {

	private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private final String orders = "orders-" + this.suffix;

	private final String inventoryTopic = "inventory-" + this.suffix;

	private LocalServices system;

	private ShopClient shop;

	private CachingConnectionFactory connectionFactory;

	private RabbitTemplate rabbit;

	@BeforeAll
	void startTheSystemOnRabbitMq() {
		RabbitMqServer server = TestRabbitMq.server();
		this.connectionFactory = new CachingConnectionFactory(server.host(), server.port());
		this.connectionFactory.setUsername(server.user());
		this.connectionFactory.setPassword(server.password());
		this.rabbit = new RabbitTemplate(this.connectionFactory);
		// The group's dead-letter queue outlives a run; a fresh broker has none yet.
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		if (admin.getQueueProperties("inventory-service.dlq") != null) {
			admin.purgeQueue("inventory-service.dlq", false);
		}
		this.system = new LocalServices(LocalServicesExtension.HOME,
				LocalServicesExtension.freshFolder("rabbitmq-system"), LocalServices.Ports.free(), System.out,
				EventTransport.RABBITMQ, server, List.of("--microkit.events.routes.order=" + this.orders,
						"--microkit.events.routes.inventory=" + this.inventoryTopic));
		this.system.start();
		this.shop = new ShopClient(this.system.orderService(), this.system.issuer());
	}

	@AfterAll
	void stopAndRemoveTheTopics() {
		if (this.system != null) {
			this.system.close();
		}
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		admin.deleteQueue(this.orders + ".inventory-service");
		admin.deleteQueue(this.inventoryTopic + ".order-service");
		for (String exchange : List.of(this.orders, this.inventoryTopic, this.orders + ".dlx",
				this.inventoryTopic + ".dlx")) {
			admin.deleteExchange(exchange);
		}
		this.connectionFactory.destroy();
	}

	@Test
	@Order(1)
	void syncAndAsyncOrdersReachTheirFinalStatus() {
		this.shop.setStock(inventory(0), "rabbit-e2e", 5);
		assertThat(this.shop.place("rabbit-e2e", 1, "sync").status()).isEqualTo("CONFIRMED");
		OrderView pending = this.shop.place("rabbit-e2e", 3, "async");
		assertThat(pending.status()).isEqualTo("PENDING");
		assertThat(awaitFinal(pending).status()).isEqualTo("CONFIRMED");
		OrderView rejected = awaitFinal(this.shop.place("rabbit-e2e", 3, "async"));
		assertThat(rejected.status()).isEqualTo("REJECTED");
		assertThat(rejected.reason()).contains("Not enough stock");
		assertThat(this.shop.stock(inventory(1), "rabbit-e2e")).isEqualTo(new StockView("rabbit-e2e", 1, 4));
	}

	@Test
	@Order(2)
	void cancellingAnAsyncOrderReleasesItsStockByEvent() {
		this.shop.setStock(inventory(0), "rabbit-cancel", 10);
		OrderView confirmed = awaitFinal(this.shop.place("rabbit-cancel", 2, "async"));
		assertThat(confirmed.status()).isEqualTo("CONFIRMED");
		assertThat(this.shop.cancel(confirmed.id()).status()).isEqualTo("CANCELLED");
		await().atMost(EVENT_TIMEOUT)
			.untilAsserted(() -> assertThat(this.shop.stock(inventory(1), "rabbit-cancel"))
				.isEqualTo(new StockView("rabbit-cancel", 10, 0)));
	}

	@Test
	@Order(3)
	void repeatedOrderEventsReserveStockOnce() {
		this.shop.setStock(inventory(0), "rabbit-duplicates", 100);
		String orderId = UUID.randomUUID().toString();
		String eventId = UUID.randomUUID().toString();
		Message placed = orderPlaced(eventId, orderId, "rabbit-duplicates", 7);
		this.rabbit.send(this.orders, "order.placed", placed);
		this.rabbit.send(this.orders, "order.placed", placed);
		this.rabbit.send(this.orders, "order.placed",
				orderPlaced(UUID.randomUUID().toString(), orderId, "rabbit-duplicates", 7));
		await().atMost(EVENT_TIMEOUT)
			.untilAsserted(
					() -> assertThat(this.shop.stock(inventory(0), "rabbit-duplicates").reserved()).isEqualTo(7));
		// the queue is handled in order: a marker sent after them shows they are all done
		String marker = UUID.randomUUID().toString();
		this.shop.setStock(inventory(0), "rabbit-marker", 1);
		this.rabbit.send(this.orders, "order.placed", orderPlaced(marker, marker, "rabbit-marker", 1));
		await().atMost(EVENT_TIMEOUT)
			.untilAsserted(() -> assertThat(this.shop.stock(inventory(0), "rabbit-marker").reserved()).isEqualTo(1));
		assertThat(this.shop.stock(inventory(1), "rabbit-duplicates"))
			.isEqualTo(new StockView("rabbit-duplicates", 93, 7));
	}

	@Test
	@Order(4)
	void aMalformedEventIsDeadLetteredWithItsOriginalBytes() {
		String key = UUID.randomUUID().toString();
		byte[] garbage = "{\"orderId\": not json".getBytes(StandardCharsets.UTF_8);
		Message poison = orderPlaced(UUID.randomUUID().toString(), key, "x", 1);
		this.rabbit.send(this.orders, "order.placed", new Message(garbage, poison.getMessageProperties()));
		List<Message> deadLetters = new ArrayList<>();
		await().atMost(EVENT_TIMEOUT).until(() -> {
			Message message = this.rabbit.receive("inventory-service.dlq", 500);
			if (message != null) {
				deadLetters.add(message);
			}
			return deadLetters.stream()
				.anyMatch((dead) -> key.equals(dead.getMessageProperties().getHeader("cloudEvents_partitionkey")));
		});
		Message dead = deadLetters.stream()
			.filter((message) -> key.equals(message.getMessageProperties().getHeader("cloudEvents_partitionkey")))
			.findFirst()
			.orElseThrow();
		assertThat(dead.getBody()).isEqualTo(garbage);
		assertThat(dead.getMessageProperties().<String>getHeader("x-exception-message"))
			.contains("not a 'order.placed'");
	}

	/**
	 * The events dashboard works on RabbitMQ too: every metric it shows is exposed, but
	 * for Kafka's own client metrics.
	 */
	@Test
	@Order(5)
	void everyEventsDashboardMetricButKafkasClientsIsExposed() throws IOException {
		StringBuilder scrapes = new StringBuilder();
		for (URI service : List.of(this.system.orderService(), inventory(0), inventory(1))) {
			scrapes.append(this.shop.get(service.resolve("/actuator/prometheus")));
			assertThat(this.shop.get(service.resolve("/actuator/health/readiness"))).contains("UP");
		}
		Set<String> exposed = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE)
			.matcher(scrapes)
			.results()
			.map((match) -> match.group(1))
			.collect(Collectors.toSet());
		String json = Files
			.readString(LocalServicesExtension.HOME.resolve("monitoring/grafana/dashboards/events.json"));
		Set<String> used = Pattern.compile("\\bmicrokit_[a-z0-9_]+")
			.matcher(json)
			.results()
			.map(MatchResult::group)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(used).contains("microkit_events_queue_depth");
		assertThat(exposed).containsAll(used);
		assertThat(scrapes).contains("transport=\"rabbitmq\"");
	}

	/**
	 * An inventory instance dies while async orders flow; when its consumer was the
	 * active one of the group's queue, the other instance's takes over. Every order
	 * reaches its final status, each reserved once.
	 */
	@Test
	@Order(6)
	void asyncOrdersAllReachAFinalStatusWhenAnInventoryInstanceIsKilled() throws Exception {
		this.shop.setStock(inventory(0), "rabbit-kill", 10_000);
		List<OrderView> placed = new ArrayList<>();
		ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
		try {
			killer.schedule(() -> this.system.killInventory(0), 2, TimeUnit.SECONDS);
			long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
			while (System.nanoTime() < end) {
				placed.add(this.shop.place("rabbit-kill", 1, "async"));
				Thread.sleep(50);
			}
		}
		finally {
			killer.shutdown();
			killer.awaitTermination(10, TimeUnit.SECONDS);
		}
		List<OrderView> done = this.shop.awaitFinal(placed, EVENT_TIMEOUT);
		assertThat(done).hasSize(placed.size()).extracting(OrderView::status).containsOnly("CONFIRMED");
		assertThat(this.shop.stock(inventory(1), "rabbit-kill").reserved()).isEqualTo(placed.size());
	}

	private OrderView awaitFinal(OrderView order) {
		return await().atMost(EVENT_TIMEOUT).until(() -> this.shop.order(order.id()), OrderView::isFinal);
	}

	private URI inventory(int index) {
		return this.system.inventory(index);
	}

	private static Message orderPlaced(String eventId, String orderId, String sku, int quantity) {
		String payload = "{\"orderId\":\"%s\",\"sku\":\"%s\",\"quantity\":%d}".formatted(orderId, sku, quantity);
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		properties.setHeader("cloudEvents_specversion", "1.0");
		properties.setHeader("cloudEvents_id", eventId);
		properties.setHeader("cloudEvents_type", "order.placed");
		properties.setHeader("cloudEvents_source", "/e2e-test");
		properties.setHeader("cloudEvents_time", OffsetDateTime.now().toString());
		properties.setHeader("cloudEvents_partitionkey", orderId);
		return new Message(payload.getBytes(StandardCharsets.UTF_8), properties);
	}

}
