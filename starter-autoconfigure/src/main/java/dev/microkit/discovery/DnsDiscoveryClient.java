package dev.microkit.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.SmartLifecycle;

/**
 * Finds the instances of a service in DNS: every address its name resolves to, as a
 * Docker Compose service with replicas or a Kubernetes headless Service answers. Names
 * are resolved again on a schedule; when DNS cannot answer, the last known instances
 * stay. Services configured here come before those of other discovery clients.
 */
public class DnsDiscoveryClient implements DiscoveryClient, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DnsDiscoveryClient.class);

	private final DnsDiscoveryProperties properties;

	private final DnsResolver resolver;

	private final Clock clock;

	private final Map<String, List<ServiceInstance>> instances = new ConcurrentHashMap<>();

	private final Map<String, ServiceResolution> resolutions = new ConcurrentHashMap<>();

	private ScheduledExecutorService refresher;

	DnsDiscoveryClient(DnsDiscoveryProperties properties, DnsResolver resolver, Clock clock) {
		this.properties = properties;
		this.resolver = resolver;
		this.clock = clock;
	}

	@Override
	public String description() {
		return "microkit DNS discovery";
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		if (!this.properties.getServices().containsKey(serviceId)) {
			return List.of();
		}
		return this.instances.computeIfAbsent(serviceId, this::resolve);
	}

	@Override
	public List<String> getServices() {
		return List.copyOf(this.properties.getServices().keySet());
	}

	@Override
	public int getOrder() {
		return -1;
	}

	/**
	 * Resolves every configured service again.
	 */
	public void refresh() {
		for (String serviceId : this.properties.getServices().keySet()) {
			List<ServiceInstance> known = this.instances.get(serviceId);
			List<ServiceInstance> current = resolve(serviceId);
			if (known == null || !known.equals(current)) {
				logger.info("Instances of " + serviceId + " from DNS: " + describe(current));
			}
			this.instances.put(serviceId, current);
		}
	}

	private List<ServiceInstance> resolve(String serviceId) {
		DnsDiscoveryProperties.Service service = this.properties.getServices().get(serviceId);
		String host = (service.getHost() != null) ? service.getHost() : serviceId;
		try {
			List<ServiceInstance> found = this.resolver.resolve(host)
				.stream()
				.map((address) -> instance(serviceId, address, service))
				.sorted(Comparator.comparing(ServiceInstance::getInstanceId))
				.toList();
			this.resolutions.put(serviceId, ServiceResolution.answered(this.clock.instant()));
			return found;
		}
		catch (UnknownHostException ex) {
			Instant now = this.clock.instant();
			this.resolutions.compute(serviceId, (id,
					previous) -> ((previous != null) ? previous : ServiceResolution.NONE).failed(now, ex.getMessage()));
			List<ServiceInstance> known = this.instances.getOrDefault(serviceId, List.of());
			logger.warn(ex.getMessage() + "; keeping the " + known.size() + " instance(s) known before");
			return known;
		}
	}

	/**
	 * What DNS last did for a service's name, for health checks.
	 */
	ServiceResolution resolution(String serviceId) {
		return this.resolutions.getOrDefault(serviceId, ServiceResolution.NONE);
	}

	/**
	 * The instances known for a service, without asking DNS when none are.
	 */
	List<ServiceInstance> knownInstances(String serviceId) {
		return this.instances.getOrDefault(serviceId, List.of());
	}

	private static ServiceInstance instance(String serviceId, InetAddress address,
			DnsDiscoveryProperties.Service service) {
		String ip = address.getHostAddress();
		int port = service.getPort();
		return new DefaultServiceInstance(serviceId + "@" + ip + ":" + port, serviceId, ip, port, service.isSecure());
	}

	private static String describe(List<ServiceInstance> instances) {
		return instances.isEmpty() ? "none"
				: String.join(", ", instances.stream().map((i) -> i.getHost() + ":" + i.getPort()).toList());
	}

	@Override
	public void start() {
		refresh();
		long interval = this.properties.getRefreshInterval().toMillis();
		this.refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "microkit-dns-discovery");
			thread.setDaemon(true);
			return thread;
		});
		this.refresher.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			logger.warn("Refreshing DNS discovery failed", ex);
		}
	}

	@Override
	public void stop() {
		if (this.refresher != null) {
			this.refresher.shutdownNow();
			this.refresher = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.refresher != null;
	}

}
