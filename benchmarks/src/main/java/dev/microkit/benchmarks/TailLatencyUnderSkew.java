package dev.microkit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * After Linkerd's "Beyond Round Robin": three backends, one ten times slower than the
 * others, a fixed request rate through the whole starter stack, and the latency callers
 * see with each balancer — against the floor, the two fast backends alone.
 */
final class TailLatencyUnderSkew {

	static final long FAST_MICROS = 2_000;

	static final long SLOW_MICROS = 10 * FAST_MICROS;

	private final int rate;

	private final Duration warmUp;

	private final Duration measurement;

	TailLatencyUnderSkew(int rate, Duration warmUp, Duration measurement) {
		this.rate = rate;
		this.warmUp = warmUp;
		this.measurement = measurement;
	}

	List<Row> run(List<String> balancers) {
		List<Row> rows = new ArrayList<>();
		try (LoopbackServer fastA = new LoopbackServer("fast-a", FAST_MICROS);
				LoopbackServer fastB = new LoopbackServer("fast-b", FAST_MICROS);
				LoopbackServer slow = new LoopbackServer("slow", SLOW_MICROS)) {
			for (String balancer : balancers) {
				rows.add(measure(balancer, List.of(fastA.uri(), fastB.uri(), slow.uri()), balancer, slow));
			}
			// Last, so that the floor is measured on a JVM as warm as the balancers were.
			rows.add(0, measure("floor (fast backends only)", List.of(fastA.uri(), fastB.uri()), "round-robin", null));
		}
		return rows;
	}

	private Row measure(String name, List<String> uris, String balancer, LoopbackServer slow) {
		try (ConfigurableApplicationContext context = CallsApplication.start(uris, balancer,
				"microkit.calls.clients.backend.weighted.warm-up=0s")) {
			BackendClient client = context.getBean(BackendClient.class);
			OpenLoopLoad load = new OpenLoopLoad(this.rate, 64);
			Runnable call = () -> client.work(UUID.randomUUID().toString());
			load.run(call, this.warmUp);
			long slowBefore = (slow != null) ? slow.requests() : 0;
			OpenLoopLoad.Outcome outcome = load.run(call, this.measurement);
			long total = outcome.latencies().getTotalCount();
			double slowShare = (slow != null && total > 0) ? (double) (slow.requests() - slowBefore) / total : 0;
			return new Row(name, outcome.percentileMillis(50), outcome.percentileMillis(99),
					outcome.percentileMillis(99.9), slowShare, outcome.failures(), total);
		}
	}

	/**
	 * What callers saw with one balancer.
	 * @param slowShare share of requests the slow backend received
	 */
	record Row(String balancer, double p50Millis, double p99Millis, double p999Millis, double slowShare,
			long failures, long requests) {
	}

}
