package dev.microkit.benchmarks.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.Plots;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.events.EventPublisher;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The round trip of a request by event against synchronous HTTP calls with the same JSON,
 * one at a time, taking turns: {@link EventPublisher#requestAndWait} to a handler that
 * returns the request as its reply; a {@link RestClient} POST to a Spring MVC endpoint on
 * Tomcat that returns what it read, as one Spring service calls another; and, as the
 * floor of any HTTP call here, a JDK {@link HttpClient} POST to a JDK {@link HttpServer}
 * that writes the body it read back. Every side reads and writes the JSON with Jackson.
 */
public final class RequestReplyLatency {

	static {
		// as LoopbackBackend does: without TCP_NODELAY the JDK server's separate header
		// and body writes meet the client's delayed ACK, 40 ms more per call
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final String SPRING_CALL = "HTTP call, RestClient to Spring MVC on Tomcat";

	private final int warmUp;

	private final int perRound;

	private final int rounds;

	public RequestReplyLatency(int warmUp, int perRound, int rounds) {
		this.warmUp = warmUp;
		this.perRound = perRound;
		this.rounds = rounds;
	}

	/**
	 * Measures request-reply on the application's transport and the HTTP calls, in turns.
	 * @param label the transport, as the report names it
	 */
	Result run(ConfigurableApplicationContext context, String label) {
		ObjectMapper mapper = context.getBean(ObjectMapper.class);
		BenchmarkEvent event = BenchmarkEvent.ofJsonSize(PublisherThroughput.PAYLOAD_BYTES, mapper);
		try (EchoServer server = EchoServer.start(); ConfigurableApplicationContext web = EchoWebApplication.start()) {
			HttpClient http = HttpClient.newHttpClient();
			RestClient rest = RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory(http))
				.baseUrl("http://127.0.0.1:" + ((WebServerApplicationContext) web).getWebServer().getPort())
				.build();
			Runnable springCall = () -> rest.post()
				.uri("/echo")
				.contentType(MediaType.APPLICATION_JSON)
				.body(event)
				.retrieve()
				.body(BenchmarkEvent.class);
			List<Histogram> latencies = inTurns(
					List.of(request(context, event), springCall, () -> server.call(http, mapper, event)));
			return new Result(List.of(Row.of("request-reply on " + label, latencies.get(0)),
					Row.of(SPRING_CALL, latencies.get(1)),
					Row.of("HTTP call, JDK client and server (the floor)", latencies.get(2))));
		}
	}

	/**
	 * Measures request-reply on another application's transport, for the same report.
	 */
	Row requestReplyOnly(ConfigurableApplicationContext context, String label) {
		BenchmarkEvent event = BenchmarkEvent.ofJsonSize(PublisherThroughput.PAYLOAD_BYTES,
				context.getBean(ObjectMapper.class));
		return Row.of("request-reply on " + label, inTurns(List.of(request(context, event))).get(0));
	}

	private static Runnable request(ConfigurableApplicationContext context, BenchmarkEvent event) {
		EventPublisher publisher = context.getBean(EventPublisher.class);
		return () -> publisher.requestAndWait(ReplyingHandlers.TYPE, "key", event, BenchmarkEvent.class, TIMEOUT);
	}

	/**
	 * Warms each kind up, then measures them round by round, each in turn.
	 * @return each kind's latencies, in microseconds
	 */
	private List<Histogram> inTurns(List<Runnable> kinds) {
		kinds.forEach((kind) -> measure(kind, this.warmUp));
		List<Histogram> latencies = kinds.stream().map((kind) -> new Histogram(3)).toList();
		for (int i = 0; i < this.rounds; i++) {
			for (int k = 0; k < kinds.size(); k++) {
				latencies.get(k).add(measure(kinds.get(k), this.perRound));
			}
		}
		return latencies;
	}

	private static Histogram measure(Runnable roundTrip, int times) {
		Histogram micros = new Histogram(3);
		for (int i = 0; i < times; i++) {
			long start = System.nanoTime();
			roundTrip.run();
			micros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
		}
		return micros;
	}

	/**
	 * A loopback HTTP server that reads a {@link BenchmarkEvent} and writes it back.
	 */
	private static final class EchoServer implements AutoCloseable {

		private final HttpServer server;

		private final URI uri;

		private EchoServer(HttpServer server) {
			this.server = server;
			this.uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/echo");
		}

		static EchoServer start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				ObjectMapper mapper = new ObjectMapper();
				server.createContext("/echo", (exchange) -> {
					try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
						byte[] reply = mapper.writeValueAsBytes(mapper.readValue(in, BenchmarkEvent.class));
						exchange.getResponseHeaders().add("Content-Type", "application/json");
						exchange.sendResponseHeaders(200, reply.length);
						out.write(reply);
					}
				});
				server.setExecutor(Executors.newFixedThreadPool(2));
				server.start();
				return new EchoServer(server);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void call(HttpClient http, ObjectMapper mapper, BenchmarkEvent event) {
			try {
				HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(this.uri)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(event)))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
				mapper.readValue(response.body(), BenchmarkEvent.class);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
			((ExecutorService) this.server.getExecutor()).shutdownNow();
		}

	}

	/**
	 * Round trips of one kind, in milliseconds.
	 */
	record Row(String kind, double p50Millis, double p99Millis, double p999Millis, double maxMillis, long roundTrips) {

		static Row of(String kind, Histogram micros) {
			return new Row(kind, millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(99)),
					millis(micros.getValueAtPercentile(99.9)), millis(micros.getMaxValue()), micros.getTotalCount());
		}

		private static double millis(long micros) {
			return micros / 1000.0;
		}

	}

	/**
	 * Request-reply on each transport measured, then the two HTTP calls; the first row is
	 * the request-reply measured in turns with the calls.
	 */
	record Result(List<Row> rows) implements ReportSection {

		/**
		 * These rows with request-reply on one more transport, before the calls.
		 */
		Result with(Row more) {
			List<Row> rows = new ArrayList<>(this.rows.subList(0, this.rows.size() - 2));
			rows.add(more);
			rows.addAll(this.rows.subList(this.rows.size() - 2, this.rows.size()));
			return new Result(rows);
		}

		private Row springCall() {
			return this.rows.get(this.rows.size() - 2);
		}

		double p50Ratio() {
			return this.rows.get(0).p50Millis() / springCall().p50Millis();
		}

		@Override
		public String key() {
			return "requestReply";
		}

		@Override
		public Object json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("rows", this.rows);
			json.put("p50Ratio", p50Ratio());
			return json;
		}

		@Override
		public List<Target> targets() {
			return List.of(Target.atMost(this.rows.get(0).kind() + " p50 / Spring HTTP call p50", 3, p50Ratio(), ""));
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder("## Request-reply by event against an HTTP call (ms)\n\n");
			md.append("One round trip at a time, the kinds taking turns in each round: ")
				.append("`EventPublisher.requestAndWait` to an `@EventHandler` of the same application that returns ")
				.append("the request as its reply (to the instance's own reply topic or queue); a `RestClient` POST of ")
				.append("the same ")
				.append(PublisherThroughput.PAYLOAD_BYTES)
				.append(" B JSON to a Spring MVC endpoint on Tomcat (loopback) that returns what it read, as one ")
				.append("Spring service calls another; and the floor of an HTTP call here, a JDK HttpClient POST to ")
				.append("a JDK HttpServer that writes the body back. ")
				.append("RabbitMQ's row comes from a second application after the first.\n\n");
			MarkdownTable table = new MarkdownTable().left("round trip")
				.right("p50", "p99", "p99.9", "max", "round trips");
			this.rows.forEach((row) -> table.row(row.kind(), row.p50Millis(), row.p99Millis(), row.p999Millis(),
					row.maxMillis(), row.roundTrips()));
			md.append(table);
			md.append("\nRequest-reply on ")
				.append(this.rows.get(0).kind().substring("request-reply on ".length()))
				.append(" / the Spring HTTP call, p50: ")
				.append(Numbers.format(p50Ratio()))
				.append(".\n");
			return md.append("\n![request-reply against an HTTP call](request-reply.png)\n").toString();
		}

		@Override
		public void plot(Path directory) throws IOException {
			CategoryChart chart = Plots.bars(800, 450, "Request-reply by event against an HTTP call", "round trip",
					"ms");
			Plots.percentiles(chart, this.rows, Row::kind, Row::p50Millis, Row::p99Millis, Row::p999Millis);
			Plots.save(chart, directory, "request-reply.png");
		}

	}

}
