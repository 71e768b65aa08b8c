package dev.microkit.benchmarks.calls;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.management.ThreadMXBean;
import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Numbers;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the client side of one call costs the calling thread, the network taken out (the
 * HTTP client answers from memory): the same {@code @FeignClient} with a fixed URL,
 * load-balanced by plain Spring Cloud LoadBalancer, and with the starter. Counted in CPU
 * time and bytes allocated by the calling thread, which other processes on a shared
 * machine do not disturb; the median of rounds taken in turns.
 */
public final class ClientCost {

	private static final String NOWHERE = "http://127.0.0.1:9";

	private final int rounds;

	private final long roundNanos;

	public ClientCost(int rounds, long roundMillis) {
		this.rounds = rounds;
		this.roundNanos = roundMillis * 1_000_000;
	}

	public Result run() {
		try (ConfigurableApplicationContext fixedUrl = CallsApplication.startInMemory(List.of(),
				"microkit.calls.enabled=false", "spring.cloud.openfeign.circuitbreaker.enabled=false",
				"spring.cloud.openfeign.client.config.backend.url=" + NOWHERE);
				ConfigurableApplicationContext loadBalanced = CallsApplication.startInMemory(List.of(NOWHERE),
						"microkit.calls.enabled=false", "spring.cloud.openfeign.circuitbreaker.enabled=false");
				ConfigurableApplicationContext starter = CallsApplication.startInMemory(List.of(NOWHERE))) {
			List<BackendClient> clients = List.of(fixedUrl.getBean(BackendClient.class),
					loadBalanced.getBean(BackendClient.class), starter.getBean(BackendClient.class));
			List<List<Sample>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
			for (int round = 0; round < this.rounds; round++) {
				for (int i = 0; i < clients.size(); i++) {
					Sample sample = measure(clients.get(i));
					if (round > 0) {
						samples.get(i).add(sample);
					}
				}
			}
			return new Result(median(samples.get(0)), median(samples.get(1)), median(samples.get(2)));
		}
	}

	private Sample measure(BackendClient client) {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long thread = Thread.currentThread().getId();
		long bytes = threads.getThreadAllocatedBytes(thread);
		long start = threads.getCurrentThreadCpuTime();
		long calls = 0;
		while (threads.getCurrentThreadCpuTime() - start < this.roundNanos) {
			for (int i = 0; i < 100; i++) {
				client.work("k");
			}
			calls += 100;
		}
		double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / calls;
		return new Sample(micros, (threads.getThreadAllocatedBytes(thread) - bytes) / 1024.0 / calls);
	}

	private static Sample median(List<Sample> samples) {
		List<Double> micros = samples.stream().map(Sample::micros).sorted().toList();
		List<Double> kib = samples.stream().map(Sample::kib).sorted().toList();
		return new Sample(micros.get(micros.size() / 2), kib.get(kib.size() / 2));
	}

	/**
	 * CPU microseconds and KiB allocated per call.
	 */
	record Sample(double micros, double kib) {
	}

	record Result(Sample fixedUrl, Sample springCloudLoadBalancer, Sample starter) implements ReportSection {

		@Override
		public String key() {
			return "clientCost";
		}

		@Override
		public Object json() {
			return Map.of("fixedUrl", this.fixedUrl, "springCloudLoadBalancer", this.springCloudLoadBalancer, "starter",
					this.starter);
		}

		@Override
		public List<Target> targets() {
			return List.of();
		}

		@Override
		public String markdown() {
			return "## Client-side cost of a call (calling thread's CPU and allocations, HTTP answered from memory)\n\n"
					+ new MarkdownTable().left("@FeignClient")
						.right("CPU µs/call", "KiB allocated/call")
						.row("fixed URL, microkit off", this.fixedUrl.micros(), this.fixedUrl.kib())
						.row("load-balanced by plain Spring Cloud LoadBalancer, microkit off",
								this.springCloudLoadBalancer.micros(), this.springCloudLoadBalancer.kib())
						.row("the starter (balancer, Resilience4j, metrics)", this.starter.micros(), this.starter.kib())
					+ "\nAgainst a fixed URL, the starter " + difference(this.starter.micros() - this.fixedUrl.micros())
					+ " and plain Spring Cloud LoadBalancer "
					+ difference(this.springCloudLoadBalancer.micros() - this.fixedUrl.micros()) + ".\n";
		}

		private static String difference(double micros) {
			return ((micros >= 0) ? "adds " : "saves ") + Numbers.format(Math.abs(micros)) + " µs per call";
		}

	}

}
