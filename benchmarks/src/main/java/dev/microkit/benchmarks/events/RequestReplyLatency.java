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

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The round trip of a request by event against a synchronous HTTP call with the same
 * JSON, one at a time, taking turns: {@link EventPublisher#requestAndWait} to a handler
 * that returns the request as its reply, and a JDK {@link HttpClient} POST to a JDK
 * {@link HttpServer} on loopback that writes the body it read back. Both sides parse and
 * write the JSON with the application's {@link ObjectMapper}.
 */
public final class RequestReplyLatency {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int warmUp;

	private final int perRound;

	private final int rounds;

	public RequestReplyLatency(int warmUp, int perRound, int rounds) {
		this.warmUp = warmUp;
		this.perRound = perRound;
		this.rounds = rounds;
	}

	/**
	 * Measures request-reply on the application's transport and the HTTP call, in turns.
	 * @param label the transport, as the report names it
	 */
	Result run(ConfigurableApplicationContext context, String label) {
		ObjectMapper mapper = context.getBean(ObjectMapper.class);
		EventPublisher publisher = context.getBean(EventPublisher.class);
		BenchmarkEvent event = BenchmarkEvent.ofJsonSize(PublisherThroughput.PAYLOAD_BYTES, mapper);
		try (EchoServer server = EchoServer.start()) {
			HttpClient http = HttpClient.newHttpClient();
			Runnable request = () -> publisher.requestAndWait(ReplyingHandlers.TYPE, "key", event, BenchmarkEvent.class,
					TIMEOUT);
			Runnable call = () -> server.call(http, mapper, event);
			measure(request, this.warmUp);
			measure(call, this.warmUp);
			Histogram byEvent = new Histogram(3);
			Histogram byCall = new Histogram(3);
			for (int i = 0; i < this.rounds; i++) {
				byEvent.add(measure(request, this.perRound));
				byCall.add(measure(call, this.perRound));
			}
			return new Result(List.of(Row.of("request-reply on " + label, byEvent),
					Row.of("HTTP call, JDK client and server", byCall)));
		}
	}

	/**
	 * Measures request-reply on another application's transport, for the same report.
	 */
	Row requestReplyOnly(ConfigurableApplicationContext context, String label) {
		EventPublisher publisher = context.getBean(EventPublisher.class);
		BenchmarkEvent event = BenchmarkEvent.ofJsonSize(PublisherThroughput.PAYLOAD_BYTES,
				context.getBean(ObjectMapper.class));
		Runnable request = () -> publisher.requestAndWait(ReplyingHandlers.TYPE, "key", event, BenchmarkEvent.class,
				TIMEOUT);
		measure(request, this.warmUp);
		Histogram latencies = new Histogram(3);
		for (int i = 0; i < this.rounds; i++) {
			latencies.add(measure(request, this.perRound));
		}
		return Row.of("request-reply on " + label, latencies);
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
	 * Request-reply on each transport measured and the HTTP call; the first row is the
	 * request-reply measured in turns with the call (the last row).
	 */
	record Result(List<Row> rows) implements ReportSection {

		Result with(Row more) {
			List<Row> rows = new ArrayList<>(this.rows.subList(0, this.rows.size() - 1));
			rows.add(more);
			rows.add(http());
			return new Result(rows);
		}

		private Row http() {
			return this.rows.get(this.rows.size() - 1);
		}

		double p50Ratio() {
			return this.rows.get(0).p50Millis() / http().p50Millis();
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
			return List.of(Target.atMost(this.rows.get(0).kind() + " p50 / HTTP call p50", 3, p50Ratio(), ""));
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder("## Request-reply by event against an HTTP call (ms)\n\n");
			md.append("One round trip at a time, the two kinds taking turns in each round: ")
				.append("`EventPublisher.requestAndWait` to an `@EventHandler` of the same application that returns ")
				.append("the request as its reply (to the instance's own reply topic or queue), and a JDK HttpClient ")
				.append("POST of the same ")
				.append(PublisherThroughput.PAYLOAD_BYTES)
				.append(" B JSON to a JDK HttpServer on loopback that writes it back. ")
				.append("RabbitMQ's row comes from a second application after the first.\n\n");
			MarkdownTable table = new MarkdownTable().left("round trip")
				.right("p50", "p99", "p99.9", "max", "round trips");
			this.rows.forEach((row) -> table.row(row.kind(), row.p50Millis(), row.p99Millis(), row.p999Millis(),
					row.maxMillis(), row.roundTrips()));
			md.append(table);
			md.append("\nRequest-reply / HTTP call, p50: ").append(Numbers.format(p50Ratio())).append(".\n");
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
