package dev.microkit.calls.loadbalancer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code microkit.calls.requests} timers, one per client, instance and outcome, each
 * registered once: building a timer with a histogram and looking it up in the registry
 * cost about a kilobyte and a sorted tag list on every attempt.
 */
final class RequestTimers {

	private final MeterRegistry meterRegistry;

	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	RequestTimers(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	Timer get(String client, String instance, String outcome) {
		Key key = new Key(client, instance, outcome);
		Timer timer = this.timers.get(key);
		return (timer != null) ? timer : this.timers.computeIfAbsent(key, this::register);
	}

	private Timer register(Key key) {
		return Timer.builder("microkit.calls.requests")
			.description("Attempts of calls per client and instance, by outcome")
			.tags("client", key.client(), "instance", key.instance(), "outcome", key.outcome())
			.publishPercentileHistogram()
			.register(this.meterRegistry);
	}

	private record Key(String client, String instance, String outcome) {
	}

}
