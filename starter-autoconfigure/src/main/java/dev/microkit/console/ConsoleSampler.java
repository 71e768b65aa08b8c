package dev.microkit.console;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;

import dev.microkit.calls.instances.InstanceLoad;
import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.instances.ServiceLoads;
import dev.microkit.calls.resilience.ClientCallPolicies;
import dev.microkit.calls.resilience.ClientCallPolicy;

/**
 * Takes a {@link ConsoleSnapshot} every second and keeps the last two minutes of them, so
 * that a page opened now draws its charts at once.
 */
public class ConsoleSampler implements SmartLifecycle {

	/**
	 * How many snapshots are kept: two minutes, one a second.
	 */
	public static final int HISTORY = 120;

	private static final Log logger = LogFactory.getLog(ConsoleSampler.class);

	private static final int P99_WINDOW_SECONDS = 10;

	private static final double NANOS_PER_MILLI = 1e6;

	private final InstanceLoadRegistry loads;

	private final ClientCallPolicies policies;

	private final EventFigures events;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Deque<ConsoleSnapshot> history = new ArrayDeque<>();

	/**
	 * What the last samples saw of each instance, by client and instance; only the
	 * instances of the last sample are kept, so that forgotten ones are not.
	 */
	private Map<String, InstanceTrend> trends = new HashMap<>();

	private ScheduledExecutorService executor;

	private long seq;

	/**
	 * Makes a sampler.
	 * @param loads the calls' instance state, if the application makes calls
	 * @param policies the clients' call policies, if the application makes calls
	 * @param meters where the meters are
	 * @param clock the wall clock of the snapshots' times
	 */
	public ConsoleSampler(@Nullable InstanceLoadRegistry loads, @Nullable ClientCallPolicies policies,
			MeterRegistry meters, Clock clock) {
		this.loads = loads;
		this.policies = policies;
		this.meters = meters;
		this.events = new EventFigures(meters);
		this.clock = clock;
	}

	/**
	 * The snapshots taken after the given one, oldest first.
	 * @param after the number of the last snapshot the caller has, or -1 for all kept
	 * @return the newer snapshots, or all kept when this sampler has not reached that
	 * number (the caller watched an earlier run of the service)
	 */
	public synchronized List<ConsoleSnapshot> since(long after) {
		// a number not taken yet comes from a page that watched an earlier run
		long from = (after < this.seq) ? after : -1;
		return this.history.stream().filter((snapshot) -> snapshot.seq() > from).toList();
	}

	/**
	 * Takes one snapshot now; the sampler does so every second once started.
	 */
	public synchronized void sample() {
		ConsoleSnapshot snapshot = new ConsoleSnapshot(this.seq++, this.clock.millis(), clients(), this.events.topics(),
				this.events.outbox());
		this.history.addLast(snapshot);
		if (this.history.size() > HISTORY) {
			this.history.removeFirst();
		}
	}

	private List<ConsoleSnapshot.Client> clients() {
		if (this.loads == null) {
			return List.of();
		}
		Map<String, ConsoleSnapshot.Client> clients = new TreeMap<>();
		Map<String, InstanceTrend> seen = new HashMap<>();
		long now = System.nanoTime();
		this.loads.all().forEach((id, service) -> clients.put(id, client(id, service, seen, now)));
		this.trends = seen;
		return new ArrayList<>(clients.values());
	}

	private ConsoleSnapshot.Client client(String id, ServiceLoads service, Map<String, InstanceTrend> seen, long now) {
		ClientCallPolicy policy = (this.policies != null) ? this.policies.all().get(id) : null;
		List<ConsoleSnapshot.Instance> instances = new ArrayList<>();
		new TreeMap<>(service.all()).forEach((key, load) -> {
			InstanceTrend trend = this.trends.getOrDefault(id + " " + key, new InstanceTrend());
			seen.put(id + " " + key, trend);
			instances.add(instance(id, load, trend, now));
		});
		return new ConsoleSnapshot.Client(id, service.settings().getLoadBalancer().configName(),
				(policy != null) ? policy.circuitBreaker().getState().name() : null,
				(policy != null) ? policy.retriesLeft() : null, instances);
	}

	private ConsoleSnapshot.Instance instance(String client, InstanceLoad load, InstanceTrend trend, long now) {
		long requests = load.requests();
		double perSecond = (trend.requests >= 0) ? Math.max(0, requests - trend.requests) : 0;
		trend.requests = requests;
		List<HistogramSnapshot> timers = this.meters.find("microkit.calls.requests")
			.tags("client", client, "instance", load.key())
			.timers()
			.stream()
			.map(Timer::takeSnapshot)
			.toList();
		Double p99 = trend.latencies.add(timers);
		return new ConsoleSnapshot.Instance(load.key(), perSecond, load.successRate(),
				load.peakEwmaNanos(now) / NANOS_PER_MILLI, p99, load.inFlight(), load.ejection().isEjected(now),
				Math.round(load.ejection().remainingNanos(now) / NANOS_PER_MILLI));
	}

	@Override
	public void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "microkit-console");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// a console that cannot read one second must not stop reading the next
			logger.debug("Console snapshot failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * One instance's requests at the last sample and its recent latencies.
	 */
	private static final class InstanceTrend {

		private long requests = -1;

		private final LatencyWindow latencies = new LatencyWindow(P99_WINDOW_SECONDS);

	}

}
