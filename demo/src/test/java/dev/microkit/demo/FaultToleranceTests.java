package dev.microkit.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.microkit.testsupport.kafka.KafkaBrokerProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.microkit.demo.InstanceDeathUnderLoad.pause;
import static dev.microkit.demo.InstanceDeathUnderLoad.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults with real processes, on the system the module's test classes share
 * ({@link LocalServicesExtension}): an order service killed between a commit and its
 * relay's send, an inventory instance killed under load, the broker stopped. Each test
 * prints its figures and leaves the system whole for the next.
 */
@ExtendWith(LocalServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class FaultToleranceTests {

	private static final Duration FINAL_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration BROKER_OUTAGE = Duration.ofSeconds(20);

	private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

	private LocalServices system;

	private KafkaBrokerProcess broker;

	private ShopClient shop;

	@BeforeAll
	void useSystem(LocalServices system) {
		this.system = system;
		this.broker = system.broker();
		this.shop = new ShopClient(system.orderService(), system.issuer());
	}

	/**
	 * The test holds every outbox shard the way a relay of another instance would, so the
	 * order service's relay can send nothing: the orders are committed with their events
	 * unsent when the service is killed.
	 */
	@Test
	@Order(1)
	void eventsCommittedButNotSentWhenTheOrderServiceIsKilledAreDeliveredOnceAfterItsRestart() throws Exception {
		String sku = "fault-crash";
		int initial = 100;
		this.shop.setStock(inventory(0), sku, initial);
		List<OrderView> placed;
		long unsentAtKill;
		try (Connection otherRelay = this.system.connect("orders")) {
			holdEveryOutboxShard(otherRelay);
			placed = IntStream.range(0, 10).mapToObj((i) -> this.shop.place(sku, 1 + i % 3, "async")).toList();
			unsentAtKill = unsentOrderPlacedEvents(otherRelay, ids(placed));
			this.system.killOrderService();
			otherRelay.rollback();
		}
		assertThat(placed).extracting(OrderView::status).containsOnly("PENDING");
		assertThat(unsentAtKill).isEqualTo(placed.size());
		assertThat(this.shop.stock(inventory(0), sku)).isEqualTo(new StockView(sku, initial, 0));

		Instant restart = Instant.now();
		this.system.restartOrderService();
		Instant ready = Instant.now();
		List<OrderView> completed = this.shop.awaitFinal(placed, FINAL_TIMEOUT);
		int quantity = placed.stream().mapToInt(OrderView::quantity).sum();
		StockView stock = this.shop.stock(inventory(1), sku);
		Map<String, Integer> records = orderPlacedRecords(ids(placed));
		System.out.printf(
				"crash between commit and publish: placed=%d, unsent in the outbox at the kill=%d, order.placed records "
						+ "after the restart=%d for %d orders, units reserved=%d (ordered %d), final=%d, "
						+ "final within %.1f s of the restart (%.1f s of it the order service's start)%n",
				placed.size(), unsentAtKill, records.values().stream().mapToInt(Integer::intValue).sum(),
				records.size(), stock.reserved(), quantity, completed.stream().filter(OrderView::isFinal).count(),
				seconds(restart, lastCompletion(completed)), seconds(restart, ready));
		assertThat(completed).extracting(OrderView::status).containsOnly("CONFIRMED");
		assertThat(stock).isEqualTo(new StockView(sku, initial - quantity, quantity));
		assertThat(records).containsOnlyKeys(ids(placed)).allSatisfy((id, count) -> assertThat(count).isOne());
	}

	/**
	 * The order service stops calling a dead instance on its own: the failures make it
	 * look slow to the balancer, or get it ejected. The databases live in the launcher,
	 * as in the demo, so neither instance hosts anything; the calls over gRPC
	 * ({@link GrpcCallsEndToEndTests}) kill the other one. The order service's console,
	 * open in Chromium meanwhile, shows it ejected and then back ({@link ConsoleWatch}).
	 */
	@Test
	@Order(2)
	void syncOrdersAllSucceedWhileAnInventoryInstanceIsKilledAndRestarted() throws Exception {
		try (ConsoleWatch console = ConsoleWatch.open(this.system)) {
			new InstanceDeathUnderLoad(this.system, this.shop).run(0, "fault-instance-death", console);
		}
	}

	@Test
	@Order(3)
	void asyncOrdersPlacedWhileTheBrokerIsDownAreAllCompletedOnceAfterItIsBack() throws Exception {
		String sku = "fault-broker-outage";
		int initial = 300;
		int perSecond = 5;
		this.shop.setStock(inventory(0), sku, initial);
		List<SteadyLoad.Placed> placed;
		long stoppedAt;
		long restartedAt;
		Instant restart;
		Instant brokerReady;
		try (SteadyLoad load = SteadyLoad.start(this.shop, sku, "async", perSecond)) {
			pause(Duration.ofSeconds(3));
			this.broker.stop();
			stoppedAt = System.nanoTime();
			pause(BROKER_OUTAGE);
			restartedAt = System.nanoTime();
			restart = Instant.now();
			this.broker.start();
			brokerReady = Instant.now();
			pause(Duration.ofSeconds(3));
			placed = load.stop();
		}
		assertThat(placed).filteredOn(SteadyLoad.Placed::failed).isEmpty();
		List<OrderView> orders = placed.stream().map(SteadyLoad.Placed::order).toList();
		assertThat(orders).extracting(OrderView::status).containsOnly("PENDING");
		long placedWhileDown = placed.stream()
			.filter((order) -> order.answeredAt() > stoppedAt && order.answeredAt() < restartedAt)
			.count();

		List<OrderView> completed = this.shop.awaitFinal(orders,
				FINAL_TIMEOUT.minus(Duration.between(brokerReady, Instant.now())));
		List<OrderView> confirmed = completed.stream().filter((order) -> "CONFIRMED".equals(order.status())).toList();
		List<OrderView> rejected = completed.stream().filter((order) -> "REJECTED".equals(order.status())).toList();
		int confirmedQuantity = confirmed.stream().mapToInt(OrderView::quantity).sum();
		StockView stock = this.shop.stock(inventory(1), sku);
		Map<String, Integer> records = orderPlacedRecords(ids(orders));
		int delivered = records.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf(
				"broker outage: placed=%d at %d/s (%d while the broker was down for %d s), final=%d (confirmed %d, "
						+ "rejected %d), lost=%d, reserved twice=%d (stock taken %d, reserved %d, confirmed quantity "
						+ "%d), final within %.1f s of the broker's restart (%.1f s of it the broker's start); "
						+ "order.placed records=%d (%d sent twice, skipped by the inventory)%n",
				placed.size(), perSecond, placedWhileDown, BROKER_OUTAGE.toSeconds(),
				confirmed.size() + rejected.size(), confirmed.size(), rejected.size(),
				placed.size() - confirmed.size() - rejected.size(), stock.reserved() - confirmedQuantity,
				initial - stock.available(), stock.reserved(), confirmedQuantity,
				seconds(restart, lastCompletion(completed)), seconds(restart, brokerReady), delivered,
				delivered - records.size());
		assertThat(completed).filteredOn((order) -> !order.isFinal()).isEmpty();
		assertThat(confirmed.size() + rejected.size()).isEqualTo(placed.size());
		assertThat(rejected).extracting(OrderView::reason)
			.allSatisfy((reason) -> assertThat(reason).contains("Not enough stock"));
		assertThat(initial - stock.available()).isEqualTo(confirmedQuantity);
		assertThat(stock.reserved()).isEqualTo(confirmedQuantity);
		assertThat(records).containsOnlyKeys(ids(orders));
		assertThat(placedWhileDown).isPositive();
	}

	private URI inventory(int index) {
		return this.system.inventory(index);
	}

	private static void holdEveryOutboxShard(Connection connection) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			// waits for a pass of the relay that holds shards now
			statement.execute("SET LOCK_TIMEOUT " + LOCK_TIMEOUT.toMillis());
		}
		try (Statement statement = connection.createStatement();
				ResultSet shards = statement.executeQuery("SELECT shard FROM microkit_outbox_shards FOR UPDATE")) {
			int held = 0;
			while (shards.next()) {
				held++;
			}
			assertThat(held).as("outbox shards").isPositive();
		}
	}

	private static long unsentOrderPlacedEvents(Connection connection, Set<String> orderIds) throws SQLException {
		String keys = orderIds.stream().map((id) -> "?").collect(Collectors.joining(", "));
		try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM microkit_outbox "
				+ "WHERE event_type = 'order.placed' AND sent_at IS NULL AND record_key IN (" + keys + ")")) {
			int index = 1;
			for (String id : orderIds) {
				statement.setString(index++, id);
			}
			try (ResultSet count = statement.executeQuery()) {
				count.next();
				return count.getLong(1);
			}
		}
	}

	/**
	 * How many {@code order.placed} records of each of these orders the {@code orders}
	 * topic holds, read from its beginning to its end.
	 */
	private Map<String, Integer> orderPlacedRecords(Set<String> orderIds) {
		Map<String, Integer> counts = new HashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers()),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor("orders")
				.stream()
				.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			await().atMost(FINAL_TIMEOUT).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (orderIds.contains(record.key()) && "order.placed".equals(type(record))) {
						counts.merge(record.key(), 1, Integer::sum);
					}
				}
				return partitions.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
			});
		}
		return counts;
	}

	private static String type(ConsumerRecord<String, byte[]> record) {
		Header type = record.headers().lastHeader("ce_type");
		return (type != null) ? new String(type.value(), StandardCharsets.UTF_8) : null;
	}

	private static Set<String> ids(Collection<OrderView> orders) {
		return orders.stream().map(OrderView::id).collect(Collectors.toSet());
	}

	private static Instant lastCompletion(List<OrderView> orders) {
		return orders.stream()
			.map(OrderView::completedAt)
			.filter((completedAt) -> completedAt != null)
			.map((completedAt) -> completedAt.toInstant())
			.max(Instant::compareTo)
			.orElseGet(Instant::now);
	}

}
