package dev.microkit.samples.order;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microkit.testsupport.ApiFuzzer;
import dev.microkit.testsupport.BadJson;
import dev.microkit.testsupport.OddRequestParts;
import dev.microkit.testsupport.security.EndpointSecurityCheck;
import dev.microkit.testsupport.security.TestJwtDecoderConfiguration;
import dev.microkit.testsupport.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to every endpoint of the order service running on a real server with a real
 * Kafka broker: malformed JSON, wrong types, huge numbers, long strings, unknown fields,
 * empty and oversized bodies, wrong content types and accepted types, every method, odd
 * paths and malformed HTTP. No answer may be a server error or show internals, every
 * error is a problem detail, good requests still work afterwards, and only accepted
 * orders were stored. The corpus comes from a seeded generator, not a property-based
 * library: jqwik runs on its own engine, outside the Spring test context that keeps one
 * server for all requests, and shrinking adds nothing when each failing request is shown
 * as it was sent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:order-fuzz;DB_CLOSE_DELAY=-1",
				// no inventory runs: sync orders go on as async ones, at once
				"spring.cloud.discovery.client.simple.instances.inventory-service[0].uri=http://127.0.0.1:9",
				"spring.cloud.discovery.client.simple.instances.inventory-service[1].uri=http://127.0.0.1:9" })
@EmbeddedKafka(kraft = true, topics = { "orders", "inventory" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(TestJwtDecoderConfiguration.class)
class OrderApiFuzzTests {

	private static final String PLACE = "POST /api/orders";

	private static final String READ = "GET /api/orders/{id}";

	private static final String CANCEL = "POST /api/orders/{id}/cancel";

	/**
	 * Signs the tests' tokens; the service checks them with its keys in place of the
	 * issuer's.
	 */
	private static final TestJwtIssuer ISSUER = TestJwtIssuer.shared();

	/**
	 * The API's operations: the check must find at least these.
	 */
	private static final int OPERATIONS = 4;

	private static final String[] SCOPES = { "orders:read", "orders:write" };

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void badInputGetsProblemDetailsAndBreaksNothing() throws Exception {
		ApiFuzzer fuzzer = new ApiFuzzer(this.port, ISSUER.authorization(SCOPES));
		BadJson orders = new BadJson(7, "sku", "\"pen\"", "quantity", "2", "mode", "\"async\"");
		orders.bodies(200).forEach((body) -> fuzzer.send(PLACE, "POST", "/api/orders", "application/json", body));
		byte[] valid = orders.validBody().getBytes(StandardCharsets.UTF_8);
		fuzzer.sendAsEveryContentType(PLACE, "POST", "/api/orders", valid);
		fuzzer.sendAcceptingEach(PLACE, "POST", "/api/orders", valid);
		fuzzer.sendAcceptingEach(READ, "GET", "/api/orders/unknown", null);
		for (String id : OddRequestParts.pathSegments(new Random(11), 40)) {
			fuzzer.send(READ, "GET", "/api/orders/" + id);
			fuzzer.send(CANCEL, "POST", "/api/orders/" + id + "/cancel");
		}
		fuzzer.sendEveryMethod(List.of("/api/orders", "/api/orders/o-1", "/api/orders/o-1/cancel"), valid);
		OddRequestParts.unknownPaths("/api/orders").forEach((path) -> fuzzer.send("unknown paths", "GET", path));
		assertThat(fuzzer.sendOversizedBodies(PLACE, "/api/orders", 1024 * 1024, "sku"))
			.as("declared over the limit, streamed over it, exactly the limit (a too long sku)")
			.containsExactly(413, 413, 400);
		fuzzer.sendMalformedHttp("/api/orders/o-1");

		placingReadingAndCancellingStillWork(fuzzer);
		fuzzer.printFigures("order-service");
		fuzzer.assertEveryAnswerWasRight();
		assertThat(this.jdbc.sql("select count(*) from orders").query(Integer.class).single())
			.as("stored orders: one per 201 answer")
			.isEqualTo(fuzzer.count(PLACE, 201) + fuzzer.count(ApiFuzzer.anyMethod("/api/orders"), 201));
		assertThat(this.jdbc
			.sql("select sku, quantity from orders where quantity not between 1 and 10000 "
					+ "or length(sku) > 64 or trim(sku) = ''")
			.query((row, number) -> row.getString("sku") + " × " + row.getInt("quantity"))
			.list()).as("stored orders that break the API's rules").isEmpty();
	}

	private void placingReadingAndCancellingStillWork(ApiFuzzer fuzzer) throws Exception {
		JsonNode placed = ApiFuzzer.json(fuzzer.send(PLACE, "POST", "/api/orders", "application/json",
				utf8("{\"sku\":\"pen\",\"quantity\":3,\"mode\":\"async\"}")), 201);
		assertThat(placed.path("status").asText()).isEqualTo("PENDING");
		String id = placed.path("id").asText();
		assertThat(ApiFuzzer.json(fuzzer.send(READ, "GET", "/api/orders/" + id), 200).path("quantity").asInt())
			.isEqualTo(3);
		assertThat(ApiFuzzer.json(fuzzer.send(CANCEL, "POST", "/api/orders/" + id + "/cancel"), 200)
			.path("status")
			.asText()).isEqualTo("CANCELLED");
		JsonNode forged = ApiFuzzer.json(fuzzer.send(PLACE, "POST", "/api/orders", "application/json",
				utf8("{\"sku\":\"pen\",\"quantity\":1,\"mode\":\"async\",\"id\":\"forged\",\"status\":\"CONFIRMED\"}")),
				201);
		assertThat(forged.path("id").asText()).isNotEqualTo("forged");
		assertThat(forged.path("status").asText()).isEqualTo("PENDING");
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

}
