package dev.microkit.calls.instances;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.microkit.calls.CallsProperties.ClientProperties;
import dev.microkit.calls.FailureKind;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The {@link InstanceLoad} of every instance of one client, and its outlier ejection.
 */
public class ServiceLoads {

	private final String serviceId;

	private final ClientProperties settings;

	private final Map<String, InstanceLoad> loads = new ConcurrentHashMap<>();

	private final OutlierEjector ejector;

	private final Supplier<Collection<InstanceLoad>> currentLoads = this::current;

	private final Consumer<InstanceLoad> onNewInstance;

	private volatile List<ServiceInstance> latestInstances = Collections.emptyList();

	/**
	 * How often instances discovery no longer lists are looked for.
	 */
	static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

	/**
	 * How long an instance may be missing from discovery before its figures and meters
	 * are dropped: long enough to ride out a discovery hiccup, short enough that pod
	 * churn does not pile up meters.
	 */
	static final long RETIREMENT_NANOS = TimeUnit.MINUTES.toNanos(5);

	private final Consumer<InstanceLoad> onRetirement;

	private final Map<String, Long> missingSince = new ConcurrentHashMap<>();

	private volatile long nextSweepNanos = System.nanoTime() + SWEEP_INTERVAL_NANOS;

	/**
	 * Loads by instance object — by identity, so that a pick or an attempt finds one
	 * without building the instance's key or hashing its metadata; the cached discovery
	 * list hands out the same objects until it refreshes. Copied on write: written once
	 * per new list, read on every attempt.
	 */
	private volatile Map<ServiceInstance, InstanceLoad> byInstance = Map.of();

	/**
	 * When the latest ejection ends: until then a pick must look for ejected instances,
	 * after it none can be, and the list is passed on without a look.
	 */
	private volatile long ejectionsEndNanos = System.nanoTime();

	public ServiceLoads(String serviceId, ClientProperties settings, Consumer<InstanceLoad> onNewInstance,
			Consumer<InstanceLoad> onEjection, Consumer<InstanceLoad> onRetirement) {
		this.serviceId = serviceId;
		this.settings = settings;
		this.onNewInstance = onNewInstance;
		this.onRetirement = onRetirement;
		this.ejector = new OutlierEjector(settings.getEjection(), (load) -> {
			ejected(load);
			onEjection.accept(load);
		});
	}

	public String serviceId() {
		return this.serviceId;
	}

	public ClientProperties settings() {
		return this.settings;
	}

	/**
	 * The load of an instance, created when the instance is first seen.
	 * @param instance the instance
	 * @return its load
	 */
	public InstanceLoad of(ServiceInstance instance) {
		InstanceLoad load = this.byInstance.get(instance);
		return (load != null) ? load : of(InstanceKeys.of(instance));
	}

	public InstanceLoad of(String key) {
		InstanceLoad load = this.loads.get(key);
		return (load != null) ? load : this.loads.computeIfAbsent(key, this::create);
	}

	private InstanceLoad create(String key) {
		InstanceLoad load = new InstanceLoad(key, this.settings.getPeakEwma().getDecayTime().toNanos(),
				this.settings.getPeakEwma().getDefaultLatency().toNanos(), System.nanoTime());
		this.onNewInstance.accept(load);
		return load;
	}

	/**
	 * Every instance seen so far, including ones discovery no longer lists.
	 * @return the loads by instance key
	 */
	public Map<String, InstanceLoad> all() {
		return Collections.unmodifiableMap(this.loads);
	}

	public void discovered(List<ServiceInstance> instances) {
		if (instances != this.latestInstances) {
			Map<ServiceInstance, InstanceLoad> byInstance = new IdentityHashMap<>(instances.size() * 2);
			instances.forEach((instance) -> byInstance.put(instance, of(InstanceKeys.of(instance))));
			this.byInstance = byInstance;
		}
		this.latestInstances = instances;
		long now = System.nanoTime();
		if (now - this.nextSweepNanos >= 0) {
			this.nextSweepNanos = now + SWEEP_INTERVAL_NANOS;
			sweep(instances, now);
		}
	}

	/**
	 * Forgets instances missing from discovery for the retirement time: their figures,
	 * their meters, and their ejection history, so a new instance at the same address
	 * starts fresh and warms up.
	 */
	synchronized void sweep(List<ServiceInstance> instances, long nowNanos) {
		Set<String> listed = instances.stream().map(InstanceKeys::of).collect(Collectors.toSet());
		this.missingSince.keySet().removeIf(listed::contains);
		for (InstanceLoad load : this.loads.values()) {
			if (listed.contains(load.key()) || load.inFlight() > 0) {
				continue;
			}
			long since = this.missingSince.computeIfAbsent(load.key(), (key) -> nowNanos);
			if (nowNanos - since >= RETIREMENT_NANOS) {
				this.loads.remove(load.key());
				Map<ServiceInstance, InstanceLoad> kept = new IdentityHashMap<>(this.byInstance);
				kept.values().removeIf((cached) -> cached == load);
				this.byInstance = kept;
				this.missingSince.remove(load.key());
				this.onRetirement.accept(load);
			}
		}
	}

	/**
	 * Whether an instance may be out of rotation now.
	 * @param nowNanos the time
	 * @return false when every ejection has ended
	 */
	public boolean anyEjected(long nowNanos) {
		return nowNanos - this.ejectionsEndNanos < 0;
	}

	private synchronized void ejected(InstanceLoad load) {
		long now = System.nanoTime();
		long end = now + load.ejection().remainingNanos(now);
		if (end - this.ejectionsEndNanos > 0) {
			this.ejectionsEndNanos = end;
		}
	}

	public void started(String key) {
		of(key).started(System.nanoTime());
	}

	public void completed(String key, long latencyNanos, FailureKind failure) {
		completed(of(key), latencyNanos, failure);
	}

	public void completed(InstanceLoad load, long latencyNanos, FailureKind failure) {
		completed(load, latencyNanos, 0, failure);
	}

	/**
	 * @param load the instance's load
	 * @param latencyNanos what the caller waited
	 * @param stalledNanos how long of it the calling process was stalled
	 * @param failure how the attempt failed, or {@code null}
	 */
	public void completed(InstanceLoad load, long latencyNanos, long stalledNanos, FailureKind failure) {
		long now = System.nanoTime();
		load.completed(latencyNanos, stalledNanos, failure == null, now);
		this.ejector.record(load, failure, this.currentLoads, now);
	}

	private Collection<InstanceLoad> current() {
		List<ServiceInstance> instances = this.latestInstances;
		return instances.stream().map(this::of).toList();
	}

}
