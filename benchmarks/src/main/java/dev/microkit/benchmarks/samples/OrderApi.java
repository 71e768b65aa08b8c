package dev.microkit.benchmarks.samples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microkit.testsupport.http.ClientCredentials;

/**
 * The samples' HTTP API as a shop would call it: stock on an inventory instance, orders
 * on the order service.
 */
final class OrderApi {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final ObjectMapper json = new ObjectMapper();

	private final URI orders;

	private final ClientCredentials credentials;

	OrderApi(URI orders, URI issuer) {
		this.orders = orders;
		this.credentials = ClientCredentials.demo(issuer);
	}

	void setStock(URI inventory, String sku, int available) {
		send(request(inventory.resolve("/api/inventory/" + sku)).PUT(body(Map.of("available", available))), 200);
	}

	Order place(String sku, int quantity, String mode) {
		return Order.of(send(request(this.orders.resolve("/api/orders"))
			.POST(body(Map.of("sku", sku, "quantity", quantity, "mode", mode))), 201));
	}

	Order order(String id) {
		return Order.of(send(request(this.orders.resolve("/api/orders/" + id)).GET(), 200));
	}

	private HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Authorization", this.credentials.authorization());
	}

	private HttpRequest.BodyPublisher body(Map<String, Object> fields) {
		try {
			return HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(fields));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private JsonNode send(HttpRequest.Builder builder, int expectedStatus) {
		HttpRequest request = builder.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expectedStatus) {
				throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
						+ response.statusCode() + ": " + response.body());
			}
			return this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * An order's id and status as the order service answers them.
	 */
	record Order(String id, String status) {

		static Order of(JsonNode body) {
			return new Order(body.path("id").asText(), body.path("status").asText());
		}

		boolean isPending() {
			return "PENDING".equals(this.status);
		}

	}

}
