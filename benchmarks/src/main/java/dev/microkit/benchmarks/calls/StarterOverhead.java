package dev.microkit.benchmarks.calls;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.sun.management.OperatingSystemMXBean;
import dev.microkit.benchmarks.measure.JitWarmUp;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import dev.microkit.testsupport.http.LoopbackBackend;
import dev.microkit.testsupport.http.LoopbackTokenEndpoint;
import feign.Feign;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.hc5.ApacheHttp5Client;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput of the whole starter stack (Feign, balancer, Resilience4j, metrics) against
 * the same {@code @FeignClient} with a fixed URL and microkit switched off (Spring Cloud
 * OpenFeign alone, the same encoder, decoder, HTTP client and Micrometer capability), and
 * against raw Feign with a fixed URL and the same HTTP client — to the same loopback
 * server at the same concurrency; and the starter whose calls carry a cached OAuth2 token
 * against the starter without one. They take turns, so that noise on a shared machine
 * hits all four.
 */
public final class StarterOverhead {

	private final int threads;

	private final Duration round;

	private final Duration maxWarmUp;

	private final int rounds;

	/**
	 * @param threads the callers, for each client
	 * @param round how long a client is called in a round
	 * @param maxWarmUp the longest warm-up: the clients take turns, uncounted, until the
	 * JIT compiler has been idle (see {@link JitWarmUp}); the client with the most code
	 * would pay for code still waiting to be compiled
	 * @param rounds rounds that are counted
	 */
	public StarterOverhead(int threads, Duration round, Duration maxWarmUp, int rounds) {
		this.threads = threads;
		this.round = round;
		this.maxWarmUp = maxWarmUp;
		this.rounds = rounds;
	}

	public Result run() {
		try (LoopbackBackend server = new LoopbackBackend("backend");
				LoopbackTokenEndpoint tokens = new LoopbackTokenEndpoint("caller", "caller-secret");
				ConfigurableApplicationContext context = CallsApplication.start(List.of(server.uri()), "peak-ewma");
				ConfigurableApplicationContext withToken = CallsApplication.start(List.of(server.uri()), "peak-ewma",
						registration(tokens));
				ConfigurableApplicationContext plain = CallsApplication.start(List.of(), "peak-ewma",
						"microkit.calls.enabled=false", "spring.cloud.openfeign.circuitbreaker.enabled=false",
						"spring.cloud.openfeign.client.config.backend.url=" + server.uri())) {
			BackendClient starter = context.getBean(BackendClient.class);
			BackendClient fixedUrl = plain.getBean(BackendClient.class);
			CloseableHttpClient http = HttpClients.custom()
				.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
					.setMaxConnPerRoute(200)
					.setMaxConnTotal(1000)
					.build())
				.build();
			BareClient bare = Feign.builder()
				.client(new ApacheHttp5Client(http))
				.target(BareClient.class, server.uri());
			BackendClient starterWithToken = withToken.getBean(BackendClient.class);
			List<Client> clients = List.of(new Client(() -> bare.work("k")), new Client(() -> fixedUrl.work("k")),
					new Client(() -> starter.work("k")), new Client(() -> starterWithToken.work("k")));
			JitWarmUp warmUp = JitWarmUp.run(() -> clients.forEach((client) -> calls(client.call(), this.round)),
					this.round.multipliedBy(clients.size()), this.maxWarmUp);
			for (int i = 0; i < this.rounds; i++) {
				// The two compared by the target run back to back, in turns first, so
				// that a burst of load from another tenant of the machine hits both
				// alike.
				List<Client> order = (i % 2 == 0) ? clients
						: List.of(clients.get(0), clients.get(3), clients.get(2), clients.get(1));
				order.forEach((client) -> client.add(calls(client.call(), this.round)));
			}
			Client bareClient = clients.get(0);
			Client fixedUrlClient = clients.get(1);
			Client starterClient = clients.get(2);
			Client tokenClient = clients.get(3);
			List<Double> ratios = starterClient.ratiosTo(fixedUrlClient);
			return new Result(bareClient.medianRate(), fixedUrlClient.medianRate(), starterClient.medianRate(),
					Numbers.median(ratios), Numbers.quantile(ratios, 0.25), Numbers.quantile(ratios, 0.75),
					Numbers.median(starterClient.ratiosTo(bareClient)), bareClient.cpuMicrosPerCall(),
					fixedUrlClient.cpuMicrosPerCall(), starterClient.cpuMicrosPerCall(),
					new TokenCost(tokenClient.medianRate(), Numbers.median(tokenClient.ratiosTo(starterClient)),
							tokenClient.cpuMicrosPerCall(), tokens.requests()),
					this.threads, this.rounds, warmUp);
		}
	}

	/**
	 * Spring Security's registration for the service, whose client-credentials token
	 * every call of the last client carries; fetched once, then cached.
	 */
	private static String[] registration(LoopbackTokenEndpoint tokens) {
		String registration = "spring.security.oauth2.client.registration.backend.";
		return new String[] { registration + "client-id=caller", registration + "client-secret=caller-secret",
				registration + "authorization-grant-type=client_credentials", registration + "provider=loopback",
				"spring.security.oauth2.client.provider.loopback.token-uri=" + tokens.tokenUri() };
	}

	private Round calls(Runnable call, Duration duration) {
		long cpuBefore = processCpuNanos();
		LongAdder done = new LongAdder();
		long end = System.nanoTime() + duration.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(this.threads);
		for (int t = 0; t < this.threads; t++) {
			pool.execute(() -> {
				while (System.nanoTime() < end) {
					call.run();
					done.increment();
				}
			});
		}
		pool.shutdown();
		await(pool);
		return new Round(done.sum(), processCpuNanos() - cpuBefore, duration);
	}

	/**
	 * CPU time of the whole process — callers, server and everything else — so that work
	 * a client hands to other threads is counted too.
	 */
	private static long processCpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static void await(ExecutorService pool) {
		try {
			pool.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Round(long calls, long cpuNanos, Duration duration) {

		double rate() {
			return this.calls * 1e9 / this.duration.toNanos();
		}

	}

	/**
	 * One of the clients compared, with what its counted rounds added up to.
	 */
	private static final class Client {

		private final Runnable call;

		private final List<Round> rounds = new ArrayList<>();

		Client(Runnable call) {
			this.call = call;
		}

		Runnable call() {
			return this.call;
		}

		void add(Round round) {
			this.rounds.add(round);
		}

		double medianRate() {
			return Numbers.median(rates());
		}

		List<Double> ratiosTo(Client other) {
			return Numbers.ratios(rates(), other.rates());
		}

		private List<Double> rates() {
			return this.rounds.stream().map(Round::rate).toList();
		}

		double cpuMicrosPerCall() {
			long calls = this.rounds.stream().mapToLong(Round::calls).sum();
			long cpuNanos = this.rounds.stream().mapToLong(Round::cpuNanos).sum();
			return (calls > 0) ? cpuNanos / 1000.0 / calls : 0;
		}

	}

	/**
	 * Bare Feign: its own contract, a fixed URL, nothing around it.
	 */
	interface BareClient {

		@RequestLine("GET /work")
		@Headers("X-Hash-Key: {key}")
		String work(@Param("key") String key);

	}

	/**
	 * Calls per second of each, measured in the same run.
	 */
	/**
	 * @param ratio the median of the starter's in-round ratios to the fixed-URL client
	 * @param ratioLowerQuartile the ratio a quarter of the rounds fell below: with the
	 * upper one, how far a single round strays on this machine
	 * @param ratioUpperQuartile the ratio a quarter of the rounds rose above
	 */
	record Result(double bareFeignPerSecond, double openFeignFixedUrlPerSecond, double starterPerSecond, double ratio,
			double ratioLowerQuartile, double ratioUpperQuartile, double ratioToBareFeign,
			double bareFeignCpuMicrosPerCall, double openFeignFixedUrlCpuMicrosPerCall, double starterCpuMicrosPerCall,
			TokenCost token, int threads, int rounds, JitWarmUp warmUp) implements ReportSection {

		@Override
		public String key() {
			return "starterOverhead";
		}

		@Override
		public Object json() {
			return Map.ofEntries(Map.entry("bareFeignPerSecond", this.bareFeignPerSecond),
					Map.entry("openFeignFixedUrlPerSecond", this.openFeignFixedUrlPerSecond),
					Map.entry("starterPerSecond", this.starterPerSecond), Map.entry("ratio", this.ratio),
					Map.entry("ratioQuartiles", List.of(this.ratioLowerQuartile, this.ratioUpperQuartile)),
					Map.entry("ratioToBareFeign", this.ratioToBareFeign),
					Map.entry("bareFeignCpuMicrosPerCall", this.bareFeignCpuMicrosPerCall),
					Map.entry("openFeignFixedUrlCpuMicrosPerCall", this.openFeignFixedUrlCpuMicrosPerCall),
					Map.entry("starterCpuMicrosPerCall", this.starterCpuMicrosPerCall),
					Map.entry("starterWithTokenPerSecond", this.token.perSecond()),
					Map.entry("tokenRatio", this.token.ratio()),
					Map.entry("starterWithTokenCpuMicrosPerCall", this.token.cpuMicrosPerCall()),
					Map.entry("tokenCpuMicrosPerCall", this.token.cpuMicrosPerCall() - this.starterCpuMicrosPerCall),
					Map.entry("tokenRequests", this.token.tokenRequests()), Map.entry("threads", this.threads),
					Map.entry("warmUpSeconds", this.warmUp.seconds()),
					Map.entry("warmUpJitIdle", this.warmUp.jitIdle()));
		}

		@Override
		public List<Target> targets() {
			return List.of(
					Target.atLeast("starter / same @FeignClient with fixed URL, throughput", 0.95, this.ratio, ""),
					Target.atLeast("starter with a cached OAuth2 token / without, throughput", 0.95, this.token.ratio(),
							""));
		}

		@Override
		public String markdown() {
			return "## Starter overhead (" + this.threads + " threads per client, one loopback server)\n\n"
					+ new MarkdownTable().left("")
						.right("raw Feign, fixed URL", "@FeignClient, fixed URL, microkit off", "full starter stack",
								"starter with OAuth2 token", "starter / fixed URL", "starter / raw Feign",
								"with token / without")
						.row("calls/s", this.bareFeignPerSecond, this.openFeignFixedUrlPerSecond, this.starterPerSecond,
								this.token.perSecond(), this.ratio, this.ratioToBareFeign, this.token.ratio())
						.row("process CPU µs/call", this.bareFeignCpuMicrosPerCall,
								this.openFeignFixedUrlCpuMicrosPerCall, this.starterCpuMicrosPerCall,
								this.token.cpuMicrosPerCall(),
								this.starterCpuMicrosPerCall / this.openFeignFixedUrlCpuMicrosPerCall,
								this.starterCpuMicrosPerCall / this.bareFeignCpuMicrosPerCall,
								this.token.cpuMicrosPerCall() / this.starterCpuMicrosPerCall)
					+ "\nMedians over " + this.rounds + " rounds; the clients take turns in every round, after "
					+ this.warmUp.describe() + ", and each ratio is the median of the ratios within a round "
					+ "(starter / fixed URL: the middle half of the rounds lies between "
					+ Numbers.format(this.ratioLowerQuartile) + " and " + Numbers.format(this.ratioUpperQuartile)
					+ "). "
					+ "Callers, server and JIT share the 2 cores, so calls/s follow the whole process's CPU per call. "
					+ "With a token, every call carries the client-credentials token of Spring Security's "
					+ "registration for the service, fetched " + this.token.tokenRequests()
					+ " time(s) from a loopback token endpoint and cached: the cost of token handling per call.\n";
		}

	}

	/**
	 * The full starter stack whose calls carry a cached client-credentials token.
	 *
	 * @param perSecond its median calls per second
	 * @param ratio the median of its in-round ratios to the starter without a token
	 * @param cpuMicrosPerCall its process CPU per call
	 * @param tokenRequests how often it asked the token endpoint
	 */
	record TokenCost(double perSecond, double ratio, double cpuMicrosPerCall, int tokenRequests) {
	}

}
