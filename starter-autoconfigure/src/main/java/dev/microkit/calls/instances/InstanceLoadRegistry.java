package dev.microkit.calls.instances;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import dev.microkit.calls.ClientSettingsResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The loads of every client's instances, in the application context shared by the
 * balancers (in the per-client contexts), the lifecycle that observes calls, the metrics
 * and the actuator endpoint.
 */
public class InstanceLoadRegistry {

	private static final double NANOS_PER_SECOND = 1e9;

	private final Map<String, ServiceLoads> services = new ConcurrentHashMap<>();

	private final ClientSettingsResolver settings;

	private final MeterRegistry meterRegistry;

	private final RequestTimers requestTimers;

	public InstanceLoadRegistry(ClientSettingsResolver settings, MeterRegistry meterRegistry) {
		this.settings = settings;
		this.meterRegistry = meterRegistry;
		this.requestTimers = new RequestTimers(meterRegistry);
	}

	public ServiceLoads forService(String serviceId) {
		ServiceLoads loads = this.services.get(serviceId);
		return (loads != null) ? loads : this.services.computeIfAbsent(serviceId, this::create);
	}

	public Map<String, ServiceLoads> all() {
		return Collections.unmodifiableMap(this.services);
	}

	private ServiceLoads create(String serviceId) {
		return new ServiceLoads(serviceId, this.settings.resolve(serviceId), (load) -> registerGauges(serviceId, load),
				(load) -> countEjection(serviceId, load), (load) -> removeMeters(serviceId, load));
	}

	RequestTimers requestTimers() {
		return this.requestTimers;
	}

	private void removeMeters(String serviceId, InstanceLoad load) {
		this.requestTimers.forget(load);
		List<Meter> meters = this.meterRegistry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("microkit.calls."))
			.filter((meter) -> serviceId.equals(meter.getId().getTag("client"))
					&& load.key().equals(meter.getId().getTag("instance")))
			.toList();
		meters.forEach(this.meterRegistry::remove);
	}

	private void registerGauges(String serviceId, InstanceLoad load) {
		String[] tags = { "client", serviceId, "instance", load.key() };
		Gauge.builder("microkit.calls.inflight", load, InstanceLoad::inFlight)
			.tags(tags)
			.description("Requests in flight to the instance")
			.register(this.meterRegistry);
		latencyGauge(tags, "mean", load, (l) -> l.meanNanos());
		latencyGauge(tags, "window", load, (l) -> l.windowMeanNanos());
		latencyGauge(tags, "ewma", load, (l) -> l.ewmaNanos(System.nanoTime()));
		latencyGauge(tags, "peak_ewma", load, (l) -> l.peakEwmaNanos(System.nanoTime()));
		Gauge.builder("microkit.calls.success.rate", load, InstanceLoad::successRate)
			.tags(tags)
			.description("Share of the instance's recent attempts that succeeded")
			.register(this.meterRegistry);
		Gauge.builder("microkit.calls.ejected", load, (l) -> l.ejection().isEjected(System.nanoTime()) ? 1 : 0)
			.tags(tags)
			.description("Whether the instance is ejected from rotation (1) or not (0)")
			.register(this.meterRegistry);
	}

	private void latencyGauge(String[] tags, String estimate, InstanceLoad load, ToDoubleFunction<InstanceLoad> nanos) {
		Gauge.builder("microkit.calls.latency", load, (l) -> nanos.applyAsDouble(l) / NANOS_PER_SECOND)
			.tags(tags)
			.tag("estimate", estimate)
			.baseUnit("seconds")
			.description("Latency estimate of the instance: mean, moving-window mean, EWMA or peak-EWMA")
			.register(this.meterRegistry);
	}

	private void countEjection(String serviceId, InstanceLoad load) {
		Counter.builder("microkit.calls.ejections")
			.tags("client", serviceId, "instance", load.key())
			.description("Times the instance was ejected from rotation")
			.register(this.meterRegistry)
			.increment();
	}

}
