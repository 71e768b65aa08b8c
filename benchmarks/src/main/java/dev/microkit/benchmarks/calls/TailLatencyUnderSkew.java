package dev.microkit.benchmarks.calls;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import dev.microkit.benchmarks.measure.OpenLoopLoad;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Plots;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.calls.grpc.GrpcClients;
import dev.microkit.testsupport.http.LoopbackBackend;
import io.grpc.Channel;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * After Linkerd's "Beyond Round Robin": three backends, one ten times slower than the
 * others, a fixed request rate through the whole starter stack, and the latency callers
 * see with each balancer — against the floor, the two fast backends alone. All are
 * started and warmed up first, then measured in turns. Over HTTP (a {@code @FeignClient})
 * or over gRPC (a channel of {@code GrpcClients}), with the same balancers.
 */
public final class TailLatencyUnderSkew {

	static final long FAST_MICROS = 2_000;

	static final long SLOW_MICROS = 10 * FAST_MICROS;

	private final int rate;

	private final Duration warmUp;

	private final Duration measurement;

	private final int rounds;

	private final Duration leadIn;

	private final boolean grpc;

	/**
	 * @param rate requests per second
	 * @param warmUp how long each balancer is called, uncounted, after all have started
	 * @param measurement how long each balancer is measured in all
	 * @param rounds the measurement is split into this many slices, and the balancers
	 * take turns slice by slice, so that a stall of a shared machine hits them all rather
	 * than the one that happened to run
	 * @param leadIn how long each turn runs before it is counted: a balancer sat idle
	 * while the others had their turns, and peak-EWMA decays its estimates toward zero
	 * when idle (as Finagle's does), so a turn's first requests would show how it comes
	 * back from idleness, not how it runs under steady load
	 */
	public TailLatencyUnderSkew(int rate, Duration warmUp, Duration measurement, int rounds, Duration leadIn) {
		this(rate, warmUp, measurement, rounds, leadIn, false);
	}

	private TailLatencyUnderSkew(int rate, Duration warmUp, Duration measurement, int rounds, Duration leadIn,
			boolean grpc) {
		this.grpc = grpc;
		this.rate = rate;
		this.warmUp = warmUp;
		this.measurement = measurement;
		this.rounds = rounds;
		this.leadIn = leadIn;
	}

	/**
	 * The same measurement over gRPC.
	 */
	public TailLatencyUnderSkew overGrpc() {
		return new TailLatencyUnderSkew(this.rate, this.warmUp, this.measurement, this.rounds, this.leadIn, true);
	}

	public Results run(List<String> balancers) {
		return this.grpc ? runGrpc(balancers) : runHttp(balancers);
	}

	private Results runGrpc(List<String> balancers) {
		List<Subject> subjects = new ArrayList<>();
		try (GrpcLoopbackBackend fastA = new GrpcLoopbackBackend("fast-a", micros(FAST_MICROS));
				GrpcLoopbackBackend fastB = new GrpcLoopbackBackend("fast-b", micros(FAST_MICROS));
				GrpcLoopbackBackend slow = new GrpcLoopbackBackend("slow", micros(SLOW_MICROS))) {
			try {
				subjects.add(grpcSubject(Results.FLOOR, List.of(fastA, fastB), "round-robin", null));
				for (String balancer : balancers) {
					subjects.add(grpcSubject(balancer, List.of(fastA, fastB, slow), balancer, slow));
				}
				return measure(subjects, true);
			}
			finally {
				subjects.forEach(Subject::closeQuietly);
			}
		}
	}

	private Subject grpcSubject(String name, List<GrpcLoopbackBackend> backends, String balancer,
			GrpcLoopbackBackend slow) {
		List<String> uris = new ArrayList<>();
		List<String> properties = new ArrayList<>();
		for (int i = 0; i < backends.size(); i++) {
			uris.add("http://127.0.0.1:" + backends.get(i).port());
			properties.add("spring.cloud.discovery.client.simple.instances.backend[" + i + "].metadata.grpc-port="
					+ backends.get(i).port());
		}
		properties.add("microkit.calls.clients.backend.weighted.warm-up=0s");
		ConfigurableApplicationContext context = CallsApplication.start(uris, balancer,
				properties.toArray(String[]::new));
		try {
			Channel channel = context.getBean(GrpcClients.class).channel("backend");
			return new Subject(name, context, () -> GrpcLoopbackBackend.work(channel),
					(slow != null) ? slow::requests : () -> 0);
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

	private Results runHttp(List<String> balancers) {
		List<Subject> subjects = new ArrayList<>();
		try (LoopbackBackend fastA = new LoopbackBackend("fast-a").delayedBy(micros(FAST_MICROS));
				LoopbackBackend fastB = new LoopbackBackend("fast-b").delayedBy(micros(FAST_MICROS));
				LoopbackBackend slow = new LoopbackBackend("slow").delayedBy(micros(SLOW_MICROS))) {
			try {
				subjects.add(httpSubject(Results.FLOOR, List.of(fastA.uri(), fastB.uri()), "round-robin", null));
				for (String balancer : balancers) {
					subjects.add(httpSubject(balancer, List.of(fastA.uri(), fastB.uri(), slow.uri()), balancer, slow));
				}
				return measure(subjects, false);
			}
			finally {
				subjects.forEach(Subject::closeQuietly);
			}
		}
	}

	private Results measure(List<Subject> subjects, boolean overGrpc) {
		subjects.forEach((subject) -> subject.run(this.warmUp));
		Duration slice = this.measurement.dividedBy(this.rounds);
		for (int round = 0; round < this.rounds; round++) {
			subjects.forEach((subject) -> subject.measure(slice));
		}
		return new Results(subjects.stream().map(Subject::row).toList(), overGrpc);
	}

	private Subject httpSubject(String name, List<String> uris, String balancer, LoopbackBackend slow) {
		ConfigurableApplicationContext context = CallsApplication.start(uris, balancer,
				"microkit.calls.clients.backend.weighted.warm-up=0s");
		try {
			BackendClient client = context.getBean(BackendClient.class);
			return new Subject(name, context, () -> client.work(UUID.randomUUID().toString()),
					(slow != null) ? slow::requests : () -> 0);
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

	private static Duration micros(long micros) {
		return Duration.of(micros, ChronoUnit.MICROS);
	}

	/**
	 * One balancer in front of the backends, with what its measured slices added up to.
	 */
	private final class Subject {

		private final String name;

		private final ConfigurableApplicationContext context;

		private final Runnable call;

		private final IntSupplier slowRequests;

		private final OpenLoopLoad load = new OpenLoopLoad(TailLatencyUnderSkew.this.rate, 64);

		private final Histogram latencies = new Histogram(3);

		private long failures;

		private long toSlow;

		private final List<Long> toSlowBySlice = new ArrayList<>();

		/**
		 * @param slowRequests the requests the slow backend has received so far
		 */
		Subject(String name, ConfigurableApplicationContext context, Runnable call, IntSupplier slowRequests) {
			this.name = name;
			this.context = context;
			this.call = call;
			this.slowRequests = slowRequests;
		}

		OpenLoopLoad.Outcome run(Duration duration) {
			return this.load.run(this.call, duration);
		}

		void measure(Duration duration) {
			run(TailLatencyUnderSkew.this.leadIn);
			long slowBefore = this.slowRequests.getAsInt();
			OpenLoopLoad.Outcome outcome = run(duration);
			this.latencies.add(outcome.latencies());
			this.failures += outcome.failures();
			long toSlowNow = this.slowRequests.getAsInt() - slowBefore;
			this.toSlow += toSlowNow;
			this.toSlowBySlice.add(toSlowNow);
		}

		Row row() {
			long total = this.latencies.getTotalCount();
			double slowShare = (total > 0) ? (double) this.toSlow / total : 0;
			return new Row(this.name, millis(50), millis(99), millis(99.9), slowShare, List.copyOf(this.toSlowBySlice),
					this.failures, total);
		}

		private double millis(double percentile) {
			return this.latencies.getValueAtPercentile(percentile) / 1000.0;
		}

		// One subject failing to close must not leave the others open or hide why the run
		// failed.
		void closeQuietly() {
			try {
				this.context.close();
			}
			catch (RuntimeException ex) {
				System.err.println("Could not close the " + this.name + " application: " + ex);
			}
		}

	}

	/**
	 * What callers saw with one balancer.
	 *
	 * @param slowShare share of requests the slow backend received
	 * @param toSlowBySlice requests the slow backend received in each measured slice, in
	 * order: whether a balancer strayed all along or in one episode
	 */
	record Row(String balancer, double p50Millis, double p99Millis, double p999Millis, double slowShare,
			List<Long> toSlowBySlice, long failures, long requests) {
	}

	/**
	 * @param overGrpc whether the calls went over gRPC rather than HTTP
	 */
	record Results(List<Row> rows, boolean overGrpc) implements ReportSection {

		static final String FLOOR = "floor (fast backends only)";

		@Override
		public String key() {
			return this.overGrpc ? "tailLatencyUnderSkewGrpc" : "tailLatencyUnderSkew";
		}

		private String protocol() {
			return this.overGrpc ? " over gRPC" : "";
		}

		@Override
		public Object json() {
			return this.rows;
		}

		@Override
		public List<Target> targets() {
			List<Target> targets = new ArrayList<>();
			Row floor = row(FLOOR);
			Row ewma = row("peak-ewma");
			Row roundRobin = row("round-robin");
			if (floor != null && ewma != null) {
				targets.add(Target.atMost("peak-ewma p99 / floor p99 under skew" + protocol(), 1.5,
						ewma.p99Millis() / floor.p99Millis(), ""));
			}
			if (roundRobin != null && ewma != null) {
				targets.add(Target.atMost("peak-ewma p99 / round-robin p99 under skew" + protocol(), 0.25,
						ewma.p99Millis() / roundRobin.p99Millis(), ""));
			}
			return targets;
		}

		private Row row(String balancer) {
			return this.rows.stream().filter((row) -> row.balancer().equals(balancer)).findFirst().orElse(null);
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder();
			md.append("## Tail latency under skew: one of three backends ")
				.append(SLOW_MICROS / FAST_MICROS)
				.append("× slower")
				.append(protocol())
				.append(" (ms, fixed rate)\n\n");
			MarkdownTable table = new MarkdownTable().left("balancer")
				.right("p50", "p99", "p99.9", "share to slow backend")
				.left("to slow, each slice")
				.right("failures", "requests");
			for (Row row : this.rows) {
				table.row(row.balancer(), row.p50Millis(), row.p99Millis(), row.p999Millis(),
						Math.round(row.slowShare() * 100) + " %",
						row.toSlowBySlice().stream().map(String::valueOf).collect(Collectors.joining(", ")),
						row.failures(), row.requests());
			}
			md.append(table);
			int slices = this.rows.isEmpty() ? 0 : this.rows.get(0).toSlowBySlice().size();
			md.append("\nEach balancer was measured in ")
				.append(slices)
				.append(" slices, the balancers taking turns; \"to slow, each slice\" counts the slow backend's ")
				.append("requests in each, so that one episode tells apart from straying all along.\n");
			return md.append("\n![tail latency under skew")
				.append(protocol())
				.append("](")
				.append(plotFile())
				.append(")\n")
				.toString();
		}

		private String plotFile() {
			return this.overGrpc ? "tail-latency-grpc.png" : "tail-latency.png";
		}

		@Override
		public void plot(Path directory) throws IOException {
			CategoryChart chart = Plots.bars(1000, 500, "Latency under skew (one backend 10x slower)" + protocol(),
					"balancer", "ms");
			Plots.percentiles(chart, this.rows, Row::balancer, Row::p50Millis, Row::p99Millis, Row::p999Millis);
			chart.getStyler().setXAxisLabelRotation(20);
			Plots.save(chart, directory, plotFile());
		}

	}

}
