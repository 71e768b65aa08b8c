package dev.microkit.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
 * server at the same concurrency. They take turns, so that noise on a shared machine hits
 * all three.
 */
final class StarterOverhead {

	private final int threads;

	private final Duration round;

	private final int rounds;

	StarterOverhead(int threads, Duration round, int rounds) {
		this.threads = threads;
		this.round = round;
		this.rounds = rounds;
	}

	Result run() {
		try (LoopbackServer server = new LoopbackServer("backend", 0);
				ConfigurableApplicationContext context = CallsApplication.start(List.of(server.uri()), "peak-ewma");
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
			BareClient bare = Feign.builder().client(new ApacheHttp5Client(http)).target(BareClient.class, server.uri());
			Runnable starterCall = () -> starter.work("k");
			Runnable fixedUrlCall = () -> fixedUrl.work("k");
			Runnable bareCall = () -> bare.work("k");
			calls(bareCall, this.round);
			calls(fixedUrlCall, this.round);
			calls(starterCall, this.round);
			long bareCalls = 0;
			long fixedUrlCalls = 0;
			long starterCalls = 0;
			for (int i = 0; i < this.rounds; i++) {
				bareCalls += calls(bareCall, this.round);
				fixedUrlCalls += calls(fixedUrlCall, this.round);
				starterCalls += calls(starterCall, this.round);
			}
			double seconds = this.rounds * this.round.toMillis() / 1000.0;
			return new Result(bareCalls / seconds, fixedUrlCalls / seconds, starterCalls / seconds, this.threads);
		}
	}

	private long calls(Runnable call, Duration duration) {
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
		return done.sum();
	}

	private static void await(ExecutorService pool) {
		try {
			pool.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
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
	record Result(double bareFeignPerSecond, double openFeignFixedUrlPerSecond, double starterPerSecond,
			int threads) implements ReportSection {

		/**
		 * The starter against the same client with a fixed URL: what microkit itself costs.
		 */
		double ratio() {
			return this.starterPerSecond / this.openFeignFixedUrlPerSecond;
		}

		double ratioToBareFeign() {
			return this.starterPerSecond / this.bareFeignPerSecond;
		}

		@Override
		public String key() {
			return "starterOverhead";
		}

		@Override
		public Object json() {
			return Map.of("bareFeignPerSecond", this.bareFeignPerSecond, "openFeignFixedUrlPerSecond",
					this.openFeignFixedUrlPerSecond, "starterPerSecond", this.starterPerSecond, "ratio", ratio(),
					"ratioToBareFeign", ratioToBareFeign(), "threads", this.threads);
		}

		@Override
		public List<Target> targets() {
			return List.of(Target.atLeast("starter / same @FeignClient with fixed URL, throughput", 0.95, ratio(),
					""));
		}

		@Override
		public String markdown() {
			return "## Starter overhead (calls/s, " + this.threads + " threads)\n\n"
					+ "| raw Feign, fixed URL | @FeignClient, fixed URL, microkit off | full starter stack "
					+ "| starter / fixed URL | starter / raw Feign |\n|---:|---:|---:|---:|---:|\n" + "| "
					+ Numbers.format(this.bareFeignPerSecond) + " | " + Numbers.format(this.openFeignFixedUrlPerSecond)
					+ " | " + Numbers.format(this.starterPerSecond) + " | " + Numbers.format(ratio()) + " | "
					+ Numbers.format(ratioToBareFeign()) + " |\n";
		}

	}

}
