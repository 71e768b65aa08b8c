package dev.microkit.calls.grpc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import dev.microkit.calls.CallsProperties;
import dev.microkit.calls.ClientSettingsResolver;
import dev.microkit.calls.resilience.ClientCallPolicies;
import io.grpc.Channel;
import io.grpc.ManagedChannel;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Makes gRPC channels that call a service by its id under the same policy as its HTTP
 * clients: each attempt of a unary call goes to an instance the service's balancer picks,
 * one deadline bounds the whole call, methods the proto marks safe to repeat
 * ({@code idempotency_level}) or configuration names are retried on an instance not tried
 * yet while the retry budget lasts, and the service's Resilience4j instances, ejection
 * and metrics are shared with its other clients.
 *
 * <pre class="code">
 * &#64;Bean
 * InventoryServiceBlockingStub inventory(GrpcClients clients) {
 *     return InventoryServiceGrpc.newBlockingStub(clients.channel("inventory-service"));
 * }
 * </pre>
 *
 * An instance's gRPC port comes from its discovery metadata ({@code grpc-port}) or from
 * {@code microkit.calls.clients.<service-id>.grpc.port}. Channels to instances are made
 * by Spring gRPC's channel factory where it is configured (its credentials, interceptors
 * and observations apply), else in plain text.
 */
public class GrpcClients implements DisposableBean {

	private final ClientCallPolicies policies;

	private final ClientSettingsResolver settings;

	private final ObjectProvider<LoadBalancerClient> loadBalancer;

	private final ObjectProvider<DiscoveryClient> discovery;

	private final InstanceChannels channels;

	private final ExecutorService executor = Executors
		.newCachedThreadPool(daemonThreads(new CustomizableThreadFactory("microkit-grpc-")));

	private final ConcurrentMap<String, Channel> byService = new ConcurrentHashMap<>();

	/**
	 * @param policies the call policies by service id
	 * @param settings the clients' settings
	 * @param loadBalancer Spring Cloud's blocking load-balancer client
	 * @param discovery the instances to connect to ahead of the first call
	 * @param channelFactory makes a channel to a {@code host:port} target
	 */
	public GrpcClients(ClientCallPolicies policies, ClientSettingsResolver settings,
			ObjectProvider<LoadBalancerClient> loadBalancer, ObjectProvider<DiscoveryClient> discovery,
			Function<String, ManagedChannel> channelFactory) {
		this.policies = policies;
		this.settings = settings;
		this.loadBalancer = loadBalancer;
		this.discovery = discovery;
		this.channels = new InstanceChannels(channelFactory);
	}

	/**
	 * The channel of a service, for its generated stubs. Blocking stubs run the call on
	 * the calling thread; future and async stubs on a thread of this object's, or on the
	 * executor given with {@code withExecutor}. The first time a service's channel is
	 * asked for, it connects to the instances discovery knows, in the background, so that
	 * the first calls do not spend their deadline on connecting.
	 * @param serviceId the service, as discovery knows it
	 * @return its channel
	 */
	public Channel channel(String serviceId) {
		return this.byService.computeIfAbsent(serviceId, this::newChannel);
	}

	private Channel newChannel(String serviceId) {
		LoadBalancerClient client = this.loadBalancer.getIfAvailable();
		if (client == null) {
			throw new IllegalStateException(
					"gRPC clients need Spring Cloud LoadBalancer's LoadBalancerClient; add spring-cloud-starter-loadbalancer");
		}
		CallsProperties.Grpc grpc = this.settings.resolve(serviceId).getGrpc();
		GrpcPorts ports = new GrpcPorts(serviceId, grpc.getPort());
		this.executor.execute(() -> connect(serviceId, ports));
		return new LoadBalancedChannel(this.policies.forService(serviceId), client, this.channels, ports,
				Set.copyOf(grpc.getIdempotentMethods()), this.executor);
	}

	private void connect(String serviceId, GrpcPorts ports) {
		DiscoveryClient discovery = this.discovery.getIfAvailable();
		if (discovery == null) {
			return;
		}
		try {
			for (ServiceInstance instance : discovery.getInstances(serviceId)) {
				this.channels.of(instance.getHost(), ports.of(instance)).getState(true);
			}
		}
		catch (RuntimeException ex) {
			// only a head start: the calls find out what is wrong, and say it
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
		this.channels.shutdown();
	}

	private static CustomizableThreadFactory daemonThreads(CustomizableThreadFactory factory) {
		factory.setDaemon(true);
		return factory;
	}

}
