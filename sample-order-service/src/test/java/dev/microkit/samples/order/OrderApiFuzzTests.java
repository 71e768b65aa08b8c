package dev.microkit.samples.order;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microkit.testsupport.ApiFuzzer;
import dev.microkit.testsupport.BadJson;
import dev.microkit.testsupport.OddRequestParts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;

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
class OrderApiFuzzTests {

	private static final String PLACE = "POST /api/orders";

	private static final String READ = "GET /api/orders/{id}";

	private static final String CANCEL = "POST /api/orders/{id}/cancel";

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void badInputGetsProblemDetailsAndBreaksNothing() throws Exception {
		ApiFuzzer fuzzer = new ApiFuzzer(this.port);
		BadJson orders = new BadJson(7, "sku", "\"pen\"", "quantity", "2", "mode", "\"async\"");
		orders.bodies(200).forEach((body) -> fuzzer.send(PLACE, "POST", "/api/orders", "application/json", body));
		byte[] valid = orders.validBody().getBytes(StandardCharsets.UTF_8);
		for (String contentType : OddRequestParts.CONTENT_TYPES) {
			fuzzer.send(PLACE, "POST", "/api/orders", contentType, valid);
		}
		for (String accept : OddRequestParts.ACCEPTS) {
			fuzzer.send(PLACE, fuzzer.request("POST", "/api/orders", valid)
				.header("Content-Type", "application/json")
				.header("Accept", accept));
			fuzzer.send(READ, fuzzer.request("GET", "/api/orders/unknown", null).header("Accept", accept));
		}
		for (String id : OddRequestParts.pathSegments(new Random(11), 40)) {
			fuzzer.send(READ, "GET", "/api/orders/" + id);
			fuzzer.send(CANCEL, "POST", "/api/orders/" + id + "/cancel");
		}
		for (String path : List.of("/api/orders", "/api/orders/o-1", "/api/orders/o-1/cancel")) {
			for (String method : OddRequestParts.METHODS) {
				fuzzer.send("any method " + path, method, path, "application/json", valid);
				fuzzer.send("any method " + path, method, path);
			}
		}
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
			.isEqualTo(fuzzer.count(PLACE, 201) + fuzzer.count("any method /api/orders", 201));
		assertThat(this.jdbc.sql("select sku, quantity from orders where quantity not between 1 and 10000 "
				+ "or length(sku) > 64 or trim(sku) = ''")
			.query((row, number) -> row.getString("sku") + " × " + row.getInt("quantity"))
			.list()).as("stored orders that break the API's rules").isEmpty();
	}

	private void placingReadingAndCancellingStillWork(ApiFuzzer fuzzer) throws Exception {
		JsonNode placed = json(fuzzer.send(PLACE, "POST", "/api/orders", "application/json",
				utf8("{\"sku\":\"pen\",\"quantity\":3,\"mode\":\"async\"}")), 201);
		assertThat(placed.path("status").asText()).isEqualTo("PENDING");
		String id = placed.path("id").asText();
		assertThat(json(fuzzer.send(READ, "GET", "/api/orders/" + id), 200).path("quantity").asInt()).isEqualTo(3);
		assertThat(json(fuzzer.send(CANCEL, "POST", "/api/orders/" + id + "/cancel"), 200).path("status").asText())
			.isEqualTo("CANCELLED");
		JsonNode forged = json(fuzzer.send(PLACE, "POST", "/api/orders", "application/json",
				utf8("{\"sku\":\"pen\",\"quantity\":1,\"mode\":\"async\",\"id\":\"forged\",\"status\":\"CONFIRMED\"}")),
				201);
		assertThat(forged.path("id").asText()).isNotEqualTo("forged");
		assertThat(forged.path("status").asText()).isEqualTo("PENDING");
		json(fuzzer.send("GET /actuator/health", "GET", "/actuator/health"), 200);
	}

	private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
		assertThat(response).isNotNull();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
