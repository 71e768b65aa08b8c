package dev.microkit.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's processes on this machine: the Kafka broker, two inventory instances and the
 * order service, each a JVM of its own with its log in one folder.
 */
public final class LocalServices implements AutoCloseable {

	static final int KAFKA_PORT = 9092;

	static final int KAFKA_CONTROLLER_PORT = 9093;

	static final int ORDER_PORT = 8080;

	static final List<Integer> INVENTORY_PORTS = List.of(8081, 8082);

	private static final Duration KAFKA_START_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(180);

	private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m");

	private final Path home;

	private final Path logs;

	private final ServiceJars jars;

	private final PrintStream out;

	private final List<ServiceProcess> started = new ArrayList<>();

	public LocalServices(Path home, PrintStream out) {
		this.home = home;
		this.logs = home.resolve(".microkit/logs");
		this.jars = new ServiceJars(home);
		this.out = out;
	}

	public Path logs() {
		return this.logs;
	}

	public URI orderService() {
		return localhost(ORDER_PORT);
	}

	public List<URI> inventoryInstances() {
		return INVENTORY_PORTS.stream().map(LocalServices::localhost).toList();
	}

	/**
	 * Starts everything and waits until it is ready.
	 * @throws PortInUseException when a port the demo needs is taken
	 * @throws ServiceFailedException when a service exits or is not ready in time
	 */
	public void start() {
		checkPortsFree();
		this.out.println("Starting Kafka on localhost:" + KAFKA_PORT + " …");
		ServiceProcess kafka = start("kafka", this.jars.localKafka(), List.of(), List.of());
		kafka.awaitLogLine("Kafka ready", KAFKA_START_TIMEOUT);

		this.out.println("Starting inventory-service on " + INVENTORY_PORTS + " and order-service on " + ORDER_PORT
				+ " …");
		Map<ServiceProcess, Integer> services = new LinkedHashMap<>();
		for (int port : INVENTORY_PORTS) {
			services.put(start("inventory-" + port, this.jars.inventoryService(), SERVICE_JVM_OPTIONS,
					List.of("--server.port=" + port, "--spring.profiles.active=chaos-monkey")), port);
		}
		services.put(start("order", this.jars.orderService(), SERVICE_JVM_OPTIONS,
				List.of("--server.port=" + ORDER_PORT)), ORDER_PORT);
		services.forEach((service, port) -> service
			.awaitReady(localhost(port).resolve("/actuator/health/readiness"), SERVICE_START_TIMEOUT));
		this.out.println("All services are ready.");
	}

	private ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> args) {
		ServiceProcess process = ServiceProcess.start(name, jar, jvmOptions, args, this.home,
				this.logs.resolve(name + ".log"));
		this.started.add(process);
		return process;
	}

	private void checkPortsFree() {
		List<Integer> ports = new ArrayList<>(List.of(KAFKA_PORT, KAFKA_CONTROLLER_PORT, ORDER_PORT));
		ports.addAll(INVENTORY_PORTS);
		for (int port : ports) {
			if (!isFree(port)) {
				throw new PortInUseException(port, ports);
			}
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static URI localhost(int port) {
		return URI.create("http://localhost:" + port);
	}

	/**
	 * Stops the services, then the broker.
	 */
	@Override
	public void close() {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
		this.started.clear();
	}

}
