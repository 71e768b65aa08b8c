package dev.microkit.benchmarks.samples;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.microkit.benchmarks.measure.OpenLoopLoad;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.samples.inventory.v1.InventoryServiceGrpc;
import dev.microkit.samples.inventory.v1.ReserveRequest;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;
import dev.microkit.testsupport.postgres.PostgresServer;
import dev.microkit.testsupport.process.FreePorts;
import dev.microkit.testsupport.process.JavaProcess;
import dev.microkit.testsupport.process.ProjectJars;
import dev.microkit.testsupport.process.TokenIssuerProcess;
import org.HdrHistogram.Histogram;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The same reserve call to the sample inventory service over HTTP (its Feign client) and
 * over gRPC (its blocking stub), both with the starter, against two real inventory
 * instances on PostgreSQL: calls per second from 8 threads, latency at a fixed 200 calls
 * a second, and what a call costs the calling process (CPU time of all its threads, and
 * bytes allocated by them, during the 8-thread rounds). The protocols take turns, round
 * by round, so that both see the same machine.
 */
public final class ProtocolComparison {

	private static final List<String> BROKER_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private static final int STOCK = 900_000_000;

	/**
	 * Calls spread over this many skus, so that the instances' database does not
	 * serialize them on one stock row.
	 */
	private static final int SKUS = 64;

	private static final Duration IDLE = Duration.ofSeconds(1);

	private final ProjectJars jars;

	private final Path logs;

	private final int instances;

	private final int threads;

	private final int ratePerSecond;

	private final Duration warmUp;

	private final Duration round;

	private final int rounds;

	/**
	 * @param home the project's root folder
	 * @param instances the inventory instances
	 * @param threads the callers of the closed-loop rounds
	 * @param ratePerSecond the calls a second of the latency rounds
	 * @param warmUp how long each protocol is called, from the threads and at the rate,
	 * before the rounds: the inventory instances answer a few hundred calls a second
	 * here, so the caller's code needs seconds of calls to be compiled
	 * @param round how long each round of one protocol and load lasts
	 * @param rounds rounds of each protocol, taking turns
	 */
	public ProtocolComparison(Path home, int instances, int threads, int ratePerSecond, Duration warmUp, Duration round,
			int rounds) {
		this.instances = instances;
		this.jars = new ProjectJars(home);
		this.logs = home.resolve("benchmarks/target/protocols");
		this.threads = threads;
		this.ratePerSecond = ratePerSecond;
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
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		BROKER_LOGGERS.forEach((logger) -> logging.setLogLevel(logger, LogLevel.WARN));
		List<JavaProcess> inventories = new ArrayList<>();
		try (database;
				InProcessKafkaBroker broker = InProcessKafkaBroker.start("orders", "inventory");
				TokenIssuerProcess issuer = TokenIssuerProcess.start(this.jars, FreePorts.next(), this.logs,
						this.logs.resolve("authorization-server.log"))) {
			List<String> args = Stream
				.of(database.schema("inventory").stream(),
						Stream.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers()),
						issuer.resourceServerArguments().stream())
				.flatMap((stream) -> stream)
				.toList();
			List<Integer> httpPorts = IntStream.range(0, this.instances).mapToObj((i) -> FreePorts.next()).toList();
			List<Integer> grpcPorts = IntStream.range(0, this.instances).mapToObj((i) -> FreePorts.next()).toList();
			for (int i = 0; i < this.instances; i++) {
				inventories.add(startInventory(i, httpPorts.get(i), grpcPorts.get(i), args));
			}
			List<String> uris = httpPorts.stream().map((port) -> "http://localhost:" + port).toList();
			for (int i = 0; i < this.instances; i++) {
				inventories.get(i)
					.awaitReady(URI.create(uris.get(i) + "/actuator/health/readiness"), START_TIMEOUT,
							Duration.ofMillis(100));
			}
			issuer.awaitReady(START_TIMEOUT);
			OrderApi api = new OrderApi(URI.create(uris.get(0)), issuer.uri());
			for (int i = 0; i < SKUS; i++) {
				api.setStock(URI.create(uris.get(i % this.instances)), sku(i), STOCK / SKUS);
			}
			try (ConfigurableApplicationContext callers = ReserveCallers.start(uris, grpcPorts, issuer.uri())) {
				return measure(callers);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL failed during the run", ex);
		}
		finally {
			inventories.forEach(JavaProcess::close);
		}
	}

	private JavaProcess startInventory(int index, int httpPort, int grpcPort, List<String> args) {
		List<String> serviceArgs = Stream
			.concat(Stream.of("--server.port=" + httpPort, "--spring.grpc.server.port=" + grpcPort), args.stream())
			.toList();
		String name = "inventory-" + index;
		return JavaProcess.start(name,
				JavaProcess.jarCommand(this.jars.inventoryService(), List.of("-Xmx384m"), serviceArgs), this.logs,
				this.logs.resolve(name + ".log"));
	}

	private Result measure(ConfigurableApplicationContext callers) {
		ReserveCallers.InventoryHttp http = callers.getBean(ReserveCallers.InventoryHttp.class);
		InventoryServiceGrpc.InventoryServiceBlockingStub grpc = callers
			.getBean(InventoryServiceGrpc.InventoryServiceBlockingStub.class);
		Map<String, Runnable> calls = new LinkedHashMap<>();
		calls.put("HTTP (Feign)",
				() -> http.reserve(new ReserveCallers.ReservationRequest(UUID.randomUUID().toString(), anySku(), 1)));
		calls.put("gRPC (blocking stub)",
				() -> grpc.reserve(ReserveRequest.newBuilder()
					.setOrderId(UUID.randomUUID().toString())
					.setSku(anySku())
					.setQuantity(1)
					.build()));
		Map<String, Protocol> results = new LinkedHashMap<>();
		calls.keySet().forEach((name) -> results.put(name, new Protocol(name)));
		OpenLoopLoad load = new OpenLoopLoad(this.ratePerSecond, 32);
		calls.forEach((name, call) -> {
			closedLoop(call, this.warmUp);
			load.run(call, this.warmUp);
		});
		for (int i = 0; i < this.rounds; i++) {
			calls.forEach((name, call) -> {
				Protocol protocol = results.get(name);
				protocol.add(closedLoop(call, this.round));
				protocol.add(load.run(call, this.round));
			});
		}
		return new Result(null, List.copyOf(results.values()), this.instances, this.threads, this.ratePerSecond,
				this.round, this.rounds);
	}

	private static String sku(int index) {
		return "protocols-" + index;
	}

	private static String anySku() {
		return sku(ThreadLocalRandom.current().nextInt(SKUS));
	}

	/**
	 * Calls from {@link #threads} threads, each as fast as the answers come. What the
	 * process spends and allocates while idle for as long (its broker, timers, JIT) is
	 * taken out of the cost per call.
	 */
	private Closed closedLoop(Runnable call, Duration duration) {
		ThreadMXBean threadBean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long idleAllocated = allocated(threadBean);
		long idleCpu = os.getProcessCpuTime();
		long idleStart = System.nanoTime();
		sleep(IDLE);
		double idleNanos = System.nanoTime() - idleStart;
		double idleCpuRate = (os.getProcessCpuTime() - idleCpu) / idleNanos;
		double idleAllocationRate = (allocated(threadBean) - idleAllocated) / idleNanos;
		ExecutorService pool = Executors.newFixedThreadPool(this.threads);
		AtomicLong done = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong callingCpu = new AtomicLong();
		long allocatedBefore = allocated(threadBean);
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < this.threads; i++) {
			workers.add(pool.submit(() -> {
				long threadStart = threadBean.getCurrentThreadCpuTime();
				while (System.nanoTime() < end) {
					try {
						call.run();
						done.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
					}
				}
				callingCpu.addAndGet(threadBean.getCurrentThreadCpuTime() - threadStart);
			}));
		}
		for (Future<?> worker : workers) {
			try {
				worker.get();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		long elapsed = System.nanoTime() - start;
		double cpu = os.getProcessCpuTime() - cpuBefore - idleCpuRate * elapsed;
		double allocated = allocated(threadBean) - allocatedBefore - idleAllocationRate * elapsed;
		pool.shutdown();
		long calls = Math.max(1, done.get());
		return new Closed(done.get() * 1e9 / elapsed, cpu / 1000.0 / calls, callingCpu.get() / 1000.0 / calls,
				allocated / 1024.0 / calls, failed.get());
	}

	/**
	 * Bytes allocated so far by the threads alive now: the pool's threads are alive for
	 * the whole round, and so are the clients' I/O threads.
	 */
	private static long allocated(ThreadMXBean threads) {
		long sum = 0;
		for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			sum += Math.max(0, allocated);
		}
		return sum;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One 8-thread round: calls per second, and the calling process's CPU microseconds
	 * and KiB allocated per call.
	 */
	record Closed(double callsPerSecond, double cpuMicros, double callingCpuMicros, double kib, long failures) {
	}

	/**
	 * One protocol's rounds, added up.
	 */
	static final class Protocol {

		private final String name;

		private final List<Closed> closed = new ArrayList<>();

		private final Histogram latencies = new Histogram(3);

		private long failures;

		Protocol(String name) {
			this.name = name;
		}

		void add(Closed round) {
			this.closed.add(round);
			this.failures += round.failures();
		}

		void add(OpenLoopLoad.Outcome outcome) {
			this.latencies.add(outcome.latencies());
			this.failures += outcome.failures();
		}

		String name() {
			return this.name;
		}

		double callsPerSecond() {
			return Numbers.median(this.closed.stream().map(Closed::callsPerSecond).toList());
		}

		double cpuMicros() {
			return Numbers.median(this.closed.stream().map(Closed::cpuMicros).toList());
		}

		double callingCpuMicros() {
			return Numbers.median(this.closed.stream().map(Closed::callingCpuMicros).toList());
		}

		double kib() {
			return Numbers.median(this.closed.stream().map(Closed::kib).toList());
		}

		double p50() {
			return this.latencies.getValueAtPercentile(50) / 1000.0;
		}

		double p99() {
			return this.latencies.getValueAtPercentile(99) / 1000.0;
		}

		long failures() {
			return this.failures;
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("protocol", this.name);
			json.put("callsPerSecond", callsPerSecond());
			json.put("p50Millis", p50());
			json.put("p99Millis", p99());
			json.put("cpuMicrosPerCall", cpuMicros());
			json.put("callingThreadCpuMicrosPerCall", callingCpuMicros());
			json.put("kibPerCall", kib());
			json.put("failures", this.failures);
			return json;
		}

	}

	record Result(String skipped, List<Protocol> protocols, int instances, int threads, int ratePerSecond,
			Duration round, int rounds) implements ReportSection {

		static Result skipped(String why) {
			return new Result(why, List.of(), 0, 0, 0, Duration.ZERO, 0);
		}

		@Override
		public String key() {
			return "protocols";
		}

		@Override
		public Object json() {
			if (this.skipped != null) {
				return Map.of("skipped", this.skipped);
			}
			return Map.of("threads", this.threads, "ratePerSecond", this.ratePerSecond, "protocols",
					this.protocols.stream().map(Protocol::json).toList());
		}

		@Override
		public List<Target> targets() {
			if (this.skipped != null) {
				return List.of();
			}
			return List.of(Target.atMost("failed calls, both protocols", 0,
					this.protocols.stream().mapToLong(Protocol::failures).sum(), ""));
		}

		@Override
		public String markdown() {
			String title = "## The same reserve call over HTTP and gRPC (sample inventory, " + this.instances
					+ " instances, PostgreSQL)\n\n";
			if (this.skipped != null) {
				return title + "Skipped: " + this.skipped + "\n";
			}
			MarkdownTable table = new MarkdownTable().left("protocol")
				.right("calls/s, " + this.threads + " threads", "p50 ms at " + this.ratePerSecond + "/s",
						"p99 ms at " + this.ratePerSecond + "/s", "caller CPU µs/call", "of it on the calling thread",
						"caller KiB allocated/call", "failed");
			this.protocols.forEach(
					(protocol) -> table.row(protocol.name(), protocol.callsPerSecond(), protocol.p50(), protocol.p99(),
							protocol.cpuMicros(), protocol.callingCpuMicros(), protocol.kib(), protocol.failures()));
			Protocol http = this.protocols.get(0);
			Protocol grpc = this.protocols.get(1);
			return title + table + "\ngRPC against HTTP, same run: "
					+ ratio(grpc.callsPerSecond(), http.callsPerSecond()) + " the calls per second, "
					+ ratio(grpc.p50(), http.p50()) + " the p50, " + ratio(grpc.p99(), http.p99()) + " the p99, "
					+ ratio(grpc.cpuMicros(), http.cpuMicros()) + " the caller's CPU and "
					+ ratio(grpc.kib(), http.kib()) + " its allocations per call. " + this.rounds + " rounds of "
					+ Numbers.format(this.round.toMillis() / 1000.0)
					+ " s per protocol and load, taking turns; CPU and allocations are the whole calling "
					+ "process's (the client's I/O threads included) during the 8-thread rounds, less what it spends "
					+ "idle for as long; calls spread over " + SKUS + " skus.\n";
		}

		private static String ratio(double grpc, double http) {
			return Numbers.format(grpc / http) + "×";
		}

	}

}
