package dev.microkit.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import dev.microkit.testsupport.rabbitmq.RabbitMqServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync-order end-to-end and fault tests of the HTTP calls
 * ({@link OrderFlowEndToEndTests}, {@link FaultToleranceTests}) with the order service
 * calling inventory over gRPC ({@code ./demo.sh --calls=grpc}), on a system of the demo's
 * own started for this class on free ports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(0)
class GrpcCallsEndToEndTests {

	private LocalServices system;

	private ShopClient shop;

	private SyncOrderScenarios syncOrders;

	@BeforeAll
	void startTheSystemWithGrpcCalls() {
		this.system = new LocalServices(LocalServicesExtension.HOME, LocalServicesExtension.freshFolder("grpc-system"),
				LocalServices.Ports.free(), System.out, EventTransport.KAFKA, RabbitMqServer.LOCAL,
				CallProtocol.GRPC.serviceArguments());
		this.system.start();
		this.shop = new ShopClient(this.system.orderService(), this.system.issuer());
		this.syncOrders = new SyncOrderScenarios(this.system, this.shop);
		// The first gRPC calls of fresh JVMs load the gRPC and protobuf classes on both
		// sides and can outlast the 2 s deadline on a busy machine (the order then goes
		// on
		// by events); the HTTP tests run after other classes have warmed the system.
		this.shop.setStock(this.system.inventory(0), "grpc-warm-up", 20);
		for (int i = 0; i < 20; i++) {
			this.shop.place("grpc-warm-up", 1, "sync");
		}
	}

	@AfterAll
	void stopTheSystem() {
		if (this.system != null) {
			this.system.close();
		}
	}

	@Test
	@Order(1)
	void syncOrdersAreConfirmedOrRejectedByTheCall() {
		this.syncOrders.confirmOrRejectByTheCall("grpc-sync");
		String served = this.shop.get(this.system.inventory(0).resolve("/actuator/prometheus"))
				+ this.shop.get(this.system.inventory(1).resolve("/actuator/prometheus"));
		assertThat(served).containsPattern("grpc_server_seconds_count\\{[^}]*Reserve");
		assertThat(served).doesNotContain("uri=\"/api/inventory/reservations\"");
	}

	@Test
	@Order(1)
	void theDashboardsGrpcMetricsAreExposedByTheServices() throws IOException {
		String scrapes = this.shop.get(this.system.orderService().resolve("/actuator/prometheus"))
				+ this.shop.get(this.system.inventory(0).resolve("/actuator/prometheus"))
				+ this.shop.get(this.system.inventory(1).resolve("/actuator/prometheus"));
		String dashboard = Files
			.readString(LocalServicesExtension.HOME.resolve("monitoring/grafana/dashboards/calls.json"));
		List<String> used = Pattern.compile("\\bgrpc_[a-z0-9_]+")
			.matcher(dashboard)
			.results()
			.map(MatchResult::group)
			.toList();
		assertThat(used).isNotEmpty();
		used.forEach((metric) -> assertThat(scrapes).contains("\n" + metric + "{"));
	}

	@Test
	@Order(1)
	void eachInventoryInstanceAnswersTheGrpcHealthCheckAsServing() throws InterruptedException {
		for (int index = 0; index < 2; index++) {
			ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.system.inventoryGrpcPort(index))
				.usePlaintext()
				.build();
			try {
				HealthCheckResponse health = HealthGrpc.newBlockingStub(channel)
					.withDeadlineAfter(5, TimeUnit.SECONDS)
					.check(HealthCheckRequest.getDefaultInstance());
				assertThat(health.getStatus()).as("instance %d", index).isEqualTo(ServingStatus.SERVING);
			}
			finally {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * The instance the HTTP calls' fault test ({@link FaultToleranceTests}) leaves alive
	 * is killed: what differs over gRPC is the client, and each instance's restart is
	 * tested once.
	 */
	@Test
	@Order(2)
	void syncOrdersAllSucceedWhileAnInventoryInstanceIsKilledAndRestarted() throws Exception {
		new InstanceDeathUnderLoad(this.system, this.shop).run(1, "grpc-instance-death");
	}

	@Test
	@Order(3)
	void syncOrdersSucceedWhileAnInventoryInstanceIsDown() {
		this.syncOrders.succeedWhileAnInstanceIsDown("grpc-failover");
	}

	@Test
	@Order(4)
	void syncOrderGoesOnByEventsWhenNoInventoryInstanceAnswers() {
		this.syncOrders.goOnByEventsWhenNoInstanceAnswers("grpc-fallback");
	}

}
