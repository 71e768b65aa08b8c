package dev.microkit.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.microkit.testsupport.http.ClientCredentials;

/**
 * The samples' HTTP API, as a client sees it: every request carries the demo client's
 * access token from the issuer.
 */
public class ShopClient {

	private static final Pattern CALLS_SAMPLE = Pattern
		.compile("^microkit_calls_requests_seconds_count\\{(.*)} (\\S+)$", Pattern.MULTILINE);

	private static final Pattern INSTANCE_TAG = Pattern.compile("instance=\"([^\"]*)\"");

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

	private final URI orders;

	private final ClientCredentials credentials;

	public ShopClient(URI orders, URI issuer) {
		this.orders = orders;
		this.credentials = ClientCredentials.demo(issuer);
	}

	public StockView setStock(URI inventory, String sku, int available) {
		return read(send(put(inventory.resolve("/api/inventory/" + sku), Map.of("available", available)), 200),
				StockView.class);
	}

	public StockView stock(URI inventory, String sku) {
		return read(send(getRequest(inventory.resolve("/api/inventory/" + sku)), 200), StockView.class);
	}

	public OrderView place(String sku, int quantity, String mode) {
		return read(
				send(post(this.orders.resolve("/api/orders"), Map.of("sku", sku, "quantity", quantity, "mode", mode)),
						201),
				OrderView.class);
	}

	/**
	 * Asks the order service for a stock quote, which it asks of inventory by event.
	 */
	public QuoteView quote(String sku, int quantity) {
		return read(send(getRequest(this.orders.resolve("/api/quotes/" + sku + "?quantity=" + quantity)), 200),
				QuoteView.class);
	}

	/**
	 * The HTTP status of a stock quote: 200, or 404 for an unknown sku.
	 */
	public int quoteStatus(String sku) {
		return status(this.orders.resolve("/api/quotes/" + sku));
	}

	/**
	 * Gets a new token now, as before the issuer goes away for a while.
	 */
	public void renewToken() {
		this.credentials.renew();
		this.credentials.authorization();
	}

	/**
	 * The HTTP status of a GET with the demo client's token.
	 */
	public int status(URI uri) {
		try {
			return this.http.send(getRequest(uri), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + uri + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	public OrderView order(String id) {
		return read(send(getRequest(this.orders.resolve("/api/orders/" + id)), 200), OrderView.class);
	}

	/**
	 * Waits until every order has a final status, or the timeout has passed.
	 * @return the orders as last seen
	 */
	public List<OrderView> awaitFinal(List<OrderView> orders, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<OrderView> current = orders;
		while (!current.stream().allMatch(OrderView::isFinal) && System.nanoTime() < deadline) {
			pause(POLL_INTERVAL);
			current = current.stream().map((order) -> order.isFinal() ? order : order(order.id())).toList();
		}
		return current;
	}

	public OrderView cancel(String id) {
		return read(send(post(this.orders.resolve("/api/orders/" + id + "/cancel"), Map.of()), 200), OrderView.class);
	}

	/**
	 * The body of a GET that must answer 200.
	 */
	public String get(URI uri) {
		return send(getRequest(uri), 200);
	}

	/**
	 * Calls the order service has made to each inventory instance, counted by the
	 * starter's {@code microkit.calls.requests} timer.
	 */
	public Map<String, Long> callsPerInstance() {
		return callsPerInstance((tags) -> true);
	}

	/**
	 * Calls the order service has made to each inventory instance since an earlier count.
	 * @param before what {@link #callsPerInstance()} said then
	 */
	public Map<String, Long> callsPerInstanceSince(Map<String, Long> before) {
		Map<String, Long> delta = new TreeMap<>();
		callsPerInstance().forEach((instance, calls) -> delta.put(instance, calls - before.getOrDefault(instance, 0L)));
		return delta;
	}

	/**
	 * Calls with one outcome, such as {@code success} or {@code io}, the order service
	 * has made to each inventory instance.
	 */
	public Map<String, Long> callsPerInstance(String outcome) {
		String tag = "outcome=\"" + outcome + "\"";
		return callsPerInstance((tags) -> tags.contains(tag));
	}

	private Map<String, Long> callsPerInstance(Predicate<String> tags) {
		String scrape = get(this.orders.resolve("/actuator/prometheus"));
		Map<String, Long> calls = new TreeMap<>();
		Matcher sample = CALLS_SAMPLE.matcher(scrape);
		while (sample.find()) {
			Matcher instance = INSTANCE_TAG.matcher(sample.group(1));
			if (tags.test(sample.group(1)) && instance.find()) {
				calls.merge(instance.group(1), (long) Double.parseDouble(sample.group(2)), Long::sum);
			}
		}
		return calls;
	}

	/**
	 * Makes an inventory instance answer every request {@code latency} late, or on time
	 * again with {@link Duration#ZERO}, through Chaos Monkey's actuator endpoint.
	 */
	public void setLatency(URI inventory, Duration latency) {
		long millis = latency.toMillis();
		send(post(inventory.resolve("/actuator/chaosmonkey/assaults"), Map.of("latencyActive", millis > 0,
				"latencyRangeStart", Math.max(millis, 1), "latencyRangeEnd", Math.max(millis, 1))), 200);
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private HttpRequest getRequest(URI uri) {
		return authorized(uri).build();
	}

	private HttpRequest.Builder authorized(URI uri) {
		return HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", this.credentials.authorization());
	}

	private HttpRequest post(URI uri, Object body) {
		return withJson(uri).POST(HttpRequest.BodyPublishers.ofByteArray(write(body))).build();
	}

	private HttpRequest put(URI uri, Object body) {
		return withJson(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(write(body))).build();
	}

	private HttpRequest.Builder withJson(URI uri) {
		return authorized(uri).header("Content-Type", "application/json");
	}

	private String send(HttpRequest request, int expectedStatus) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 401 && expectedStatus != 401) {
				// the issuer restarted with new keys: a new token, and the request once
				// more
				this.credentials.renew();
				HttpRequest again = HttpRequest
					.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
					.header("Authorization", this.credentials.authorization())
					.build();
				response = this.http.send(again, HttpResponse.BodyHandlers.ofString());
			}
			if (response.statusCode() != expectedStatus) {
				throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
						+ response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private byte[] write(Object body) {
		try {
			return this.json.writeValueAsBytes(body);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private <T> T read(String body, Class<T> type) {
		try {
			return this.json.readValue(body, type);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unexpected answer: " + body, ex);
		}
	}

}
