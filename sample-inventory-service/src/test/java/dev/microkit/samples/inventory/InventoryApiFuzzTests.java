package dev.microkit.samples.inventory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.microkit.testsupport.ApiFuzzer;
import dev.microkit.testsupport.BadJson;
import dev.microkit.testsupport.OddRequestParts;
import dev.microkit.testsupport.process.FreePorts;
import dev.microkit.testsupport.security.EndpointSecurityCheck;
import dev.microkit.testsupport.security.TestJwtDecoderConfiguration;
import dev.microkit.testsupport.security.TestJwtIssuer;
import dev.microkit.samples.inventory.v1.GetStockRequest;
import dev.microkit.samples.inventory.v1.InventoryServiceGrpc;
import dev.microkit.samples.inventory.v1.ReleaseRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad input to every endpoint of the inventory service running on a real server with a
 * real Kafka broker: malformed JSON, wrong types, huge numbers, long strings, unknown
 * fields, empty and oversized bodies, wrong content types and accepted types, every
 * method, odd paths and malformed HTTP. No answer may be a server error or show
 * internals, every error is a problem detail, good requests still work afterwards, and
 * the stock still adds up: every unit reserved belongs to a reservation that was
 * answered. The corpus comes from a seeded generator, not a property-based library: jqwik
 * runs on its own engine, outside the Spring test context that keeps one server for all
 * requests, and shrinking adds nothing when each failing request is shown as it was sent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:inventory-fuzz;DB_CLOSE_DELAY=-1",
				"spring.grpc.server.port=${test.grpc.port}", "inventory.instance-id=test-fuzz-instance" })
@EmbeddedKafka(kraft = true, topics = { "orders", "inventory" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(TestJwtDecoderConfiguration.class)
class InventoryApiFuzzTests {

	private static final int GRPC_PORT = FreePorts.next();

	private static final String STOCK = "GET /api/inventory/{sku}";

	private static final String SET_STOCK = "PUT /api/inventory/{sku}";

	private static final String RESERVE = "POST /api/inventory/reservations";

	private static final String RELEASE = "DELETE /api/inventory/reservations/{orderId}";

	/**
	 * Signs the tests' tokens; the service checks them with its keys in place of the
	 * issuer's.
	 */
	private static final TestJwtIssuer ISSUER = TestJwtIssuer.shared();

	/**
	 * The API's operations: the check must find at least these.
	 */
	private static final int OPERATIONS = 4;

	private static final String[] SCOPES = { "inventory:read", "inventory:write" };

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * The body limit answers before the rest of the filter chain runs; the header naming
	 * the instance is set first, so the refusal carries it like every other answer.
	 */
	@Test
	void aBodyDeclaredOverTheLimitIsRefusedWithTheHeadersOfEveryAnswer() throws Exception {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("POST /api/inventory/reservations HTTP/1.1\r\nHost: localhost\r\n"
						+ "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			BufferedReader answer = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			List<String> head = new ArrayList<>();
			for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
				head.add(line);
			}
			assertThat(head.get(0)).startsWith("HTTP/1.1 413");
			assertThat(head).contains(InstanceIdHeaderFilter.HEADER + ": test-fuzz-instance");
		}
	}

	@Test
	void badInputGetsProblemDetailsAndBreaksNothing() throws Exception {
		ApiFuzzer fuzzer = new ApiFuzzer(this.port, ISSUER.authorization(SCOPES));
		ApiFuzzer.json(
				fuzzer.send(SET_STOCK, "PUT", "/api/inventory/pen", "application/json", utf8("{\"available\":100}")),
				200);
		BadJson stock = new BadJson(5, "available", "5");
		stock.bodies(100)
			.forEach((body) -> fuzzer.send(SET_STOCK, "PUT", "/api/inventory/pad", "application/json", body));
		BadJson reservations = new BadJson(7, "orderId", "\"o-1\"", "sku", "\"pen\"", "quantity", "2");
		reservations.bodies(200)
			.forEach((body) -> fuzzer.send(RESERVE, "POST", "/api/inventory/reservations", "application/json", body));
		byte[] valid = reservations.validBody().getBytes(StandardCharsets.UTF_8);
		fuzzer.sendAsEveryContentType(RESERVE, "POST", "/api/inventory/reservations", valid);
		fuzzer.sendAcceptingEach(RESERVE, "POST", "/api/inventory/reservations", valid);
		fuzzer.sendAcceptingEach(STOCK, "GET", "/api/inventory/unknown", null);
		for (String segment : OddRequestParts.pathSegments(new Random(11), 40)) {
			fuzzer.send(STOCK, "GET", "/api/inventory/" + segment);
			fuzzer.send(RELEASE, "DELETE", "/api/inventory/reservations/" + segment);
		}
		fuzzer.sendEveryMethod(
				List.of("/api/inventory/pen", "/api/inventory/reservations", "/api/inventory/reservations/o-1"), valid);
		OddRequestParts.unknownPaths("/api/inventory").forEach((path) -> fuzzer.send("unknown paths", "GET", path));
		assertThat(fuzzer.sendOversizedBodies(RESERVE, "/api/inventory/reservations", 1024 * 1024, "orderId"))
			.as("declared over the limit, streamed over it, exactly the limit (a too long order id)")
			.containsExactly(413, 413, 400);
		fuzzer.sendMalformedHttp("/api/inventory/pen");
		for (String path : List.of("//", "//api/inventory/pen", "/api/inventory/%2e%2e/x", "/api//inventory")) {
			// paths Spring Security's firewall refuses: a 400 problem detail, not a bare
			// 400 or a 500
			assertThat(fuzzer.sendRaw("firewall",
					"GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
				.as(path)
				.isEqualTo(400);
		}

		reservingAndReleasingStillWork(fuzzer);
		fuzzer.printFigures("inventory-service");
		fuzzer.assertEveryAnswerWasRight();
		assertThat(this.jdbc.sql("select count(*) from reservation").query(Integer.class).single())
			.as("stored reservations: at most one per 201 or 409 answer")
			.isLessThanOrEqualTo(
					answered(fuzzer, RESERVE) + answered(fuzzer, ApiFuzzer.anyMethod("/api/inventory/reservations")));
		assertThat(this.jdbc.sql("""
				select count(*) from stock s where s.reserved <> (select coalesce(sum(r.quantity), 0)
				from reservation r where r.sku = s.sku and r.status = 'RESERVED')
				""").query(Integer.class).single()).as("stock whose reserved units are not its reservations'").isZero();
		assertThat(this.jdbc
			.sql("select count(*) from reservation where quantity < 1 or length(order_id) > 64 "
					+ "or trim(order_id) = ''")
			.query(Integer.class)
			.single()).as("stored reservations that break the API's rules").isZero();
	}

	private static int answered(ApiFuzzer fuzzer, String endpoint) {
		return fuzzer.count(endpoint, 201) + fuzzer.count(endpoint, 409);
	}

	private void reservingAndReleasingStillWork(ApiFuzzer fuzzer) throws Exception {
		ApiFuzzer.json(
				fuzzer.send(SET_STOCK, "PUT", "/api/inventory/pen", "application/json", utf8("{\"available\":10}")),
				200);
		byte[] reservation = utf8("{\"orderId\":\"after-fuzz\",\"sku\":\"pen\",\"quantity\":4}");
		assertThat(ApiFuzzer
			.json(fuzzer.send(RESERVE, "POST", "/api/inventory/reservations", "application/json", reservation), 201)
			.path("status")
			.asText()).isEqualTo("RESERVED");
		ApiFuzzer.json(fuzzer.send(RESERVE, "POST", "/api/inventory/reservations", "application/json", reservation),
				201);
		assertThat(ApiFuzzer.json(fuzzer.send(STOCK, "GET", "/api/inventory/pen"), 200).path("available").asInt())
			.isEqualTo(6);
		assertThat(fuzzer.send(RELEASE, "DELETE", "/api/inventory/reservations/after-fuzz").statusCode())
			.isEqualTo(204);
		assertThat(ApiFuzzer.json(fuzzer.send(STOCK, "GET", "/api/inventory/pen"), 200).path("available").asInt())
			.isEqualTo(10);
		ApiFuzzer.json(fuzzer.send("GET /actuator/health", "GET", "/actuator/health"), 200);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void everyOperationWantsATokenWithItsScope(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		EndpointSecurityCheck check = new EndpointSecurityCheck(this.port, ISSUER, List.of(SCOPES)).checkAll(mappings,
				"/api/");
		assertThat(check.checked()).hasSizeGreaterThanOrEqualTo(OPERATIONS);
		assertThat(check.failures()).isEmpty();
	}

	@Test
	void theGrpcApiWantsTheSameTokensAndScopes() {
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();
		try {
			InventoryServiceGrpc.InventoryServiceBlockingStub stub = InventoryServiceGrpc.newBlockingStub(channel);
			GetStockRequest stock = GetStockRequest.newBuilder().setSku("pen").build();
			assertThat(statusOf(() -> stub.getStock(stock))).isEqualTo(Status.Code.UNAUTHENTICATED);
			assertThat(statusOf(() -> as(stub, ISSUER.authorization("orders:read")).getStock(stock)))
				.isEqualTo(Status.Code.PERMISSION_DENIED);
			assertThat(statusOf(() -> as(stub, ISSUER.authorization("inventory:read")).getStock(stock)))
				.isIn(Status.Code.OK, Status.Code.NOT_FOUND);
			ReleaseRequest release = ReleaseRequest.newBuilder().setOrderId("grpc-o-1").build();
			assertThat(statusOf(() -> as(stub, ISSUER.authorization("inventory:read")).release(release)))
				.isEqualTo(Status.Code.PERMISSION_DENIED);
			assertThat(statusOf(() -> as(stub, ISSUER.authorization("inventory:write")).release(release)))
				.isIn(Status.Code.OK, Status.Code.NOT_FOUND);
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static InventoryServiceGrpc.InventoryServiceBlockingStub as(
			InventoryServiceGrpc.InventoryServiceBlockingStub stub, String authorization) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
		return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
	}

	private static Status.Code statusOf(Runnable call) {
		try {
			call.run();
			return Status.Code.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode();
		}
	}

	@DynamicPropertySource
	static void grpcPort(DynamicPropertyRegistry registry) {
		registry.add("test.grpc.port", () -> GRPC_PORT);
	}

}
