package dev.microkit.benchmarks.samples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.microkit.benchmarks.measure.OpenLoopLoad;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.Plots;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;
import dev.microkit.testsupport.postgres.PostgresServer;
import dev.microkit.testsupport.process.FreePorts;
import dev.microkit.testsupport.process.JavaProcess;
import dev.microkit.testsupport.process.ProjectJars;
import dev.microkit.testsupport.process.TokenIssuerProcess;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The sample services as real processes, on PostgreSQL and a KRaft broker in this JVM:
 * how long each takes from its start to readiness and how much memory it then holds, and
 * how long an order takes to reach its final state placed sync (the order service calls
 * an inventory instance) against async (events both ways through Kafka), at the same
 * fixed rate in alternating rounds.
 */
public final class SampleServices {

	private static final List<String> BROKER_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

	/**
	 * The samples' consumer groups: their application names.
	 */
	private static final String INVENTORY_GROUP = "inventory-service";

	private static final String ORDER_GROUP = "order-service";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	/**
	 * The heap limit the demo's end-to-end tests give each sample; resident memory
	 * depends on it.
	 */
	private static final String MAX_HEAP = "-Xmx384m";

	/**
	 * Small against a start of seconds, so that polling adds little to the time measured.
	 */
	private static final Duration READINESS_POLL = Duration.ofMillis(10);

	private static final int STOCK = 1_000_000;

	private static final int LOAD_WORKERS = 32;

	private final ProjectJars jars;

	private final Path logs;

	private final int starts;

	private final int inventoryInstances;

	private final int ordersPerSecond;

	private final Duration warmUp;

	private final Duration round;

	private final int rounds;

	/**
	 * @param home the project's root folder
	 * @param starts starts of each service, one at a time, each measured
	 * @param inventoryInstances inventory instances behind the order service in the order
	 * rounds
	 * @param round how long each round of one mode lasts
	 * @param rounds rounds of each mode, taking turns
	 */
	public SampleServices(Path home, int starts, int inventoryInstances, int ordersPerSecond, Duration warmUp,
			Duration round, int rounds) {
		this.jars = new ProjectJars(home);
		this.logs = home.resolve("benchmarks/target/sample-services");
		this.starts = starts;
		this.inventoryInstances = inventoryInstances;
		this.ordersPerSecond = ordersPerSecond;
		this.warmUp = warmUp;
		this.round = round;
		this.rounds = rounds;
	}

	public Result run() {
		SampleDatabase database;
		try {
			database = new SampleDatabase();
		}
		catch (SQLException ex) {
			return Result
				.skipped("PostgreSQL at " + PostgresServer.LOCAL.jdbcUrl() + " did not answer: " + ex.getMessage());
		}
		try (database) {
			return run(database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL failed during the run", ex);
		}
	}

	private Result run(SampleDatabase database) throws SQLException {
		// The broker logs every partition, group and configuration at INFO: thousands of
		// lines.
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		BROKER_LOGGERS.forEach((logger) -> logging.setLogLevel(logger, LogLevel.WARN));
		// the samples' topics and their dead-letter twins
		try (InProcessKafkaBroker broker = InProcessKafkaBroker.start("orders", "inventory");
				TokenIssuerProcess issuer = TokenIssuerProcess.start(this.jars, FreePorts.next(), this.logs,
						this.logs.resolve("authorization-server.log"))) {
			issuer.awaitReady(START_TIMEOUT);
			String kafka = "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers();
			Services services = new Services(
					concat(concat(database.schema("inventory"), kafka), issuer.resourceServerArguments()),
					concat(concat(database.schema("orders"), kafka), issuer.orderServiceArguments()), issuer.uri());
			return measure(services, new ConsumerGroups(broker.bootstrapServers()), database);
		}
	}

	/**
	 * Starts an inventory instance and the order service, one at a time, as often as
	 * asked; the last ones stay up, the other inventory instances join them, and the
	 * order rounds run against them all.
	 */
	private Result measure(Services services, ConsumerGroups groups, SampleDatabase database) throws SQLException {
		Startup inventoryStarts = new Startup(ProjectJars.INVENTORY_SERVICE);
		Startup orderStarts = new Startup(ProjectJars.ORDER_SERVICE);
		List<JavaProcess> running = new ArrayList<>();
		try {
			for (int i = 0; i < this.starts; i++) {
				stop(running);
				running.add(services.inventory(0, "inventory-0-start-" + i));
				inventoryStarts.measure(running.get(0), services.inventoryUri(0));
				running.add(services.orders("order-start-" + i));
				orderStarts.measure(running.get(1), services.ordersUri());
			}
			for (int i = 1; i < this.inventoryInstances; i++) {
				JavaProcess inventory = services.inventory(i, "inventory-" + i);
				running.add(inventory);
				inventory.awaitReady(readiness(services.inventoryUri(i)), START_TIMEOUT, READINESS_POLL);
			}
			groups.awaitStable(Map.of(INVENTORY_GROUP, this.inventoryInstances, ORDER_GROUP, 1), START_TIMEOUT);
			OrderApi api = new OrderApi(services.ordersUri(), services.issuer);
			Instant[] measuredSince = new Instant[1];
			List<OrderLatency> orders = orderRounds(api, services.inventoryUri(0), measuredSince);
			AsyncHops hops = AsyncHops.read(PostgresServer.LOCAL, database.schemaOf("orders"),
					database.schemaOf("inventory"), measuredSince[0]);
			return new Result(null, List.of(inventoryStarts, orderStarts), orders, hops, this.ordersPerSecond,
					this.inventoryInstances, this.warmUp, this.round, this.rounds);
		}
		finally {
			stop(running);
		}
	}

	private List<OrderLatency> orderRounds(OrderApi api, URI inventory, Instant[] measuredSince) {
		TimeToFinalState sync = new TimeToFinalState(api, "sync");
		TimeToFinalState async = new TimeToFinalState(api, "async");
		api.setStock(inventory, sync.sku(), STOCK);
		api.setStock(inventory, async.sku(), STOCK);
		OpenLoopLoad load = new OpenLoopLoad(this.ordersPerSecond, LOAD_WORKERS);
		// counted apart from the measured orders
		load.run(new TimeToFinalState(api, "sync"), this.warmUp);
		load.run(new TimeToFinalState(api, "async"), this.warmUp);
		measuredSince[0] = Instant.now();
		Rounds syncRounds = new Rounds();
		Rounds asyncRounds = new Rounds();
		for (int i = 0; i < this.rounds; i++) {
			syncRounds.add(load.run(sync, this.round));
			asyncRounds.add(load.run(async, this.round));
		}
		return List.of(syncRounds.latency(sync), asyncRounds.latency(async));
	}

	private static void stop(List<JavaProcess> running) {
		for (int i = running.size() - 1; i >= 0; i--) {
			running.get(i).close();
		}
		running.clear();
	}

	private static URI readiness(URI service) {
		return service.resolve("/actuator/health/readiness");
	}

	private static List<String> concat(List<String> args, String... more) {
		return Stream.concat(args.stream(), Stream.of(more)).toList();
	}

	private static List<String> concat(List<String> args, List<String> more) {
		return Stream.concat(args.stream(), more.stream()).toList();
	}

	/**
	 * How the samples are started in this run: their ports, database and broker.
	 */
	private final class Services {

		private final List<String> inventoryArgs;

		private final List<String> orderArgs;

		private final List<Integer> inventoryPorts;

		private final List<Integer> inventoryGrpcPorts;

		private final int orderPort;

		private final URI issuer;

		Services(List<String> inventoryArgs, List<String> orderArgs, URI issuer) {
			this.issuer = issuer;
			this.inventoryPorts = IntStream.range(0, SampleServices.this.inventoryInstances)
				.mapToObj((i) -> FreePorts.next())
				.toList();
			this.inventoryGrpcPorts = IntStream.range(0, SampleServices.this.inventoryInstances)
				.mapToObj((i) -> FreePorts.next())
				.toList();
			this.orderPort = FreePorts.next();
			this.inventoryArgs = inventoryArgs;
			List<String> instances = IntStream.range(0, this.inventoryPorts.size())
				.mapToObj((i) -> "--spring.cloud.discovery.client.simple.instances.inventory-service[" + i + "].uri="
						+ inventoryUri(i))
				.toList();
			this.orderArgs = Stream.concat(orderArgs.stream(), instances.stream()).toList();
		}

		JavaProcess inventory(int index, String name) {
			List<String> args = Stream
				.concat(Stream.of("--spring.grpc.server.port=" + this.inventoryGrpcPorts.get(index)),
						this.inventoryArgs.stream())
				.toList();
			return start(name, SampleServices.this.jars.inventoryService(), this.inventoryPorts.get(index), args);
		}

		JavaProcess orders(String name) {
			return start(name, SampleServices.this.jars.orderService(), this.orderPort, this.orderArgs);
		}

		/**
		 * Starts {@code java -Xmx384m -jar jar --server.port=port args}.
		 */
		private JavaProcess start(String name, Path jar, int port, List<String> args) {
			List<String> serviceArgs = Stream.concat(Stream.of("--server.port=" + port), args.stream()).toList();
			Path logs = SampleServices.this.logs;
			return JavaProcess.start(name, JavaProcess.jarCommand(jar, List.of(MAX_HEAP), serviceArgs), logs,
					logs.resolve(name + ".log"));
		}

		URI inventoryUri(int index) {
			return URI.create("http://localhost:" + this.inventoryPorts.get(index));
		}

		URI ordersUri() {
			return URI.create("http://localhost:" + this.orderPort);
		}

	}

	/**
	 * One mode's rounds, added up.
	 */
	private static final class Rounds {

		private final Histogram latencies = new Histogram(3);

		private final List<Double> p99PerRound = new ArrayList<>();

		private long failures;

		void add(OpenLoopLoad.Outcome outcome) {
			this.latencies.add(outcome.latencies());
			this.p99PerRound.add(outcome.percentileMillis(99));
			this.failures += outcome.failures();
		}

		OrderLatency latency(TimeToFinalState orders) {
			return new OrderLatency(orders.mode(), millis(50), millis(99), this.latencies.getMaxValue() / 1000.0,
					this.p99PerRound, this.latencies.getTotalCount(), this.failures, orders.rejected(),
					orders.answeredPending(), orders.polls());
		}

		private double millis(double percentile) {
			return this.latencies.getValueAtPercentile(percentile) / 1000.0;
		}

	}

	/**
	 * The starts of one service: from the process's start to readiness answering UP, and
	 * its resident memory then.
	 */
	record Startup(String service, List<Double> readySeconds, List<Long> residentKibibytes) {

		Startup(String service) {
			this(service, new ArrayList<>(), new ArrayList<>());
		}

		void measure(JavaProcess process, URI service) {
			this.readySeconds
				.add(process.awaitReady(readiness(service), START_TIMEOUT, READINESS_POLL).toMillis() / 1000.0);
			OptionalLong resident = process.residentKibibytes();
			resident.ifPresent(this.residentKibibytes::add);
		}

		double medianReadySeconds() {
			return Numbers.median(this.readySeconds);
		}

		/**
		 * The median resident memory in MiB, or {@code null} where it could not be read.
		 */
		Double medianResidentMebibytes() {
			if (this.residentKibibytes.isEmpty() || this.residentKibibytes.size() < this.readySeconds.size()) {
				return null;
			}
			return Numbers.median(this.residentKibibytes.stream().map((kib) -> kib / 1024.0).toList());
		}

	}

	/**
	 * Time to the final state of one mode's orders, from when each was due.
	 *
	 * @param p99PerRound each round's p99, which shows whether a round stands out
	 * @param answeredPending orders whose {@code POST} answered pending (every async one;
	 * a sync one when it fell back to events)
	 * @param polls {@code GET}s sent while orders were pending
	 */
	record OrderLatency(String mode, double p50Millis, double p99Millis, double maxMillis, List<Double> p99PerRound,
			long orders, long failures, long rejected, long answeredPending, long polls) {
	}

	/**
	 * Startups and order latencies, or why they were not measured.
	 */
	record Result(String skipped, List<Startup> startups, List<OrderLatency> orders, AsyncHops hops,
			int ordersPerSecond, int inventoryInstances, Duration warmUp, Duration round,
			int rounds) implements ReportSection {

		static Result skipped(String why) {
			return new Result(why, List.of(), List.of(), null, 0, 0, Duration.ZERO, Duration.ZERO, 0);
		}

		@Override
		public String key() {
			return "sampleServices";
		}

		@Override
		public Object json() {
			if (this.skipped != null) {
				return Map.of("skipped", this.skipped);
			}
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("startups", this.startups.stream().map(Result::json).toList());
			json.put("ordersPerSecond", this.ordersPerSecond);
			json.put("inventoryInstances", this.inventoryInstances);
			json.put("warmUpSeconds", this.warmUp.toMillis() / 1000.0);
			json.put("roundSeconds", this.round.toMillis() / 1000.0);
			json.put("rounds", this.rounds);
			json.put("pollMillis", TimeToFinalState.POLL_INTERVAL.toMillis());
			json.put("orders", this.orders);
			json.put("asyncToSyncP50", ratio(OrderLatency::p50Millis));
			json.put("asyncToSyncP99", ratio(OrderLatency::p99Millis));
			json.put("asyncHops", this.hops);
			return json;
		}

		private static Map<String, Object> json(Startup startup) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("service", startup.service());
			json.put("starts", startup.readySeconds().size());
			json.put("medianReadySeconds", startup.medianReadySeconds());
			json.put("readySeconds", startup.readySeconds());
			Double resident = startup.medianResidentMebibytes();
			json.put("medianResidentMebibytes", (resident != null) ? resident : "n/a");
			json.put("residentKibibytes", startup.residentKibibytes());
			return json;
		}

		private double ratio(ToDoubleFunction<OrderLatency> percentile) {
			return percentile.applyAsDouble(mode("async")) / percentile.applyAsDouble(mode("sync"));
		}

		private OrderLatency mode(String mode) {
			return this.orders.stream().filter((latency) -> latency.mode().equals(mode)).findFirst().orElseThrow();
		}

		@Override
		public List<Target> targets() {
			return List.of();
		}

		@Override
		public String markdown() {
			StringBuilder md = new StringBuilder("## Sample services: startup, memory, sync against async orders\n\n");
			if (this.skipped != null) {
				return md.append("Skipped: ").append(this.skipped).append(".\n").toString();
			}
			md.append("Each start is `java ")
				.append(MAX_HEAP)
				.append(" -jar` of the service's Boot jar, on PostgreSQL and a KRaft broker in the benchmark's JVM, ")
				.append("one process starting at a time; ready is `/actuator/health/readiness` answering UP (polled every ")
				.append(READINESS_POLL.toMillis())
				.append(" ms), memory the process's resident set (`VmRSS`) at that moment. ")
				.append("The first start of each service migrates its empty schema.\n\n");
			MarkdownTable startups = new MarkdownTable().left("service")
				.right("starts", "ready after, median (s)")
				.left("each start (s)")
				.right("RSS at readiness, median (MiB)");
			for (Startup startup : this.startups) {
				Double resident = startup.medianResidentMebibytes();
				startups.row(startup.service(), startup.readySeconds().size(), startup.medianReadySeconds(),
						String.join(", ", startup.readySeconds().stream().map(Numbers::format).toList()),
						(resident != null) ? resident : "n/a");
			}
			md.append(startups);
			md.append("\nOrders at ")
				.append(this.ordersPerSecond)
				.append("/s against one order service and ")
				.append(this.inventoryInstances)
				.append(" inventory instance(s), ")
				.append(this.rounds)
				.append(" rounds of ")
				.append(Numbers.format(this.round.toMillis() / 1000.0))
				.append(" s per mode taking turns, after ")
				.append(Numbers.format(this.warmUp.toMillis() / 1000.0))
				.append(" s of each to warm up. Time from when an order was due to its ")
				.append("final state (CONFIRMED or REJECTED): a sync order's POST answers it, an async order is ")
				.append("polled with GET /api/orders/{id} every ")
				.append(TimeToFinalState.POLL_INTERVAL.toMillis())
				.append(" ms.\n\n");
			MarkdownTable orders = new MarkdownTable().left("mode")
				.right("p50 (ms)", "p99 (ms)", "max (ms)")
				.left("p99 of each round (ms)")
				.right("orders", "failures", "rejected", "POST answered pending", "GETs per order");
			for (OrderLatency latency : this.orders) {
				orders.row(latency.mode(), latency.p50Millis(), latency.p99Millis(), latency.maxMillis(),
						String.join(", ", latency.p99PerRound().stream().map(Numbers::format).toList()),
						latency.orders(), latency.failures(), latency.rejected(), latency.answeredPending(),
						(double) latency.polls() / Math.max(1, latency.orders()));
			}
			md.append(orders);
			md.append("\nasync / sync: p50 ")
				.append(Numbers.format(ratio(OrderLatency::p50Millis)))
				.append("×, p99 ")
				.append(Numbers.format(ratio(OrderLatency::p99Millis)))
				.append("×.\n");
			md.append("\n![sync against async orders](sample-orders.png)\n");
			if (this.hops != null && !this.hops.segments().isEmpty()) {
				md.append("\nWhere an async order's time went, from the timestamps the services wrote (")
					.append(this.hops.orders())
					.append(" measured orders; each step's own percentiles, which do not add up):\n\n");
				MarkdownTable hops = new MarkdownTable().left("step").right("p50 (ms)", "p99 (ms)");
				this.hops.segments().forEach((step) -> hops.row(step.step(), step.p50Millis(), step.p99Millis()));
				md.append(hops);
			}
			return md.toString();
		}

		@Override
		public void plot(Path directory) throws IOException {
			if (this.skipped != null) {
				return;
			}
			CategoryChart chart = Plots.bars(800, 500,
					"Order to final state at " + this.ordersPerSecond + " orders/s: sync against async", "percentile",
					"ms");
			List<String> percentiles = List.of("p50", "p99");
			for (OrderLatency latency : this.orders) {
				chart.addSeries(latency.mode(), percentiles, List.of(latency.p50Millis(), latency.p99Millis()));
			}
			Plots.save(chart, directory, "sample-orders.png");
		}

	}

}
