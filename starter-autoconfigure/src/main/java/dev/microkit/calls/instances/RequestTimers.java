package dev.microkit.calls.instances;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code microkit.calls.requests} timers, one per client, instance and outcome, each
 * registered once: building a timer with a histogram and looking it up in the registry
 * cost about a kilobyte and a sorted tag list on every attempt. Kept per
 * {@link InstanceLoad} — found by identity, and dropped with it when the instance
 * retires, so that an instance seen again records into newly registered timers.
 */
final class RequestTimers {

	private final MeterRegistry meterRegistry;

	private final Map<InstanceLoad, Map<String, Timer>> timers = new ConcurrentHashMap<>();

	RequestTimers(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	Timer get(String client, InstanceLoad instance, String outcome) {
		Map<String, Timer> byOutcome = this.timers.get(instance);
		if (byOutcome == null) {
			byOutcome = this.timers.computeIfAbsent(instance, (load) -> new ConcurrentHashMap<>());
		}
		Timer timer = byOutcome.get(outcome);
		return (timer != null) ? timer
				: byOutcome.computeIfAbsent(outcome, (key) -> register(client, instance.key(), key));
	}

	void forget(InstanceLoad instance) {
		this.timers.remove(instance);
	}

	private Timer register(String client, String instance, String outcome) {
		return Timer.builder("microkit.calls.requests")
			.description("Attempts of calls per client and instance, by outcome")
			.tags("client", client, "instance", instance, "outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meterRegistry);
	}

}
