package dev.microkit.demo;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.microkit.testsupport.kafka.KafkaBrokerProcess;
import dev.microkit.testsupport.rabbitmq.RabbitMqServer;
import dev.microkit.testsupport.process.FreePorts;
import dev.microkit.testsupport.process.JavaProcess;
import dev.microkit.testsupport.process.ProcessNotReadyException;
import dev.microkit.testsupport.process.ProjectJars;
import dev.microkit.testsupport.process.TokenIssuerProcess;

/**
 * The demo's system on this machine: a Kafka broker (or, with
 * {@link EventTransport#RABBITMQ}, the RabbitMQ already running on this machine), the
 * services' database server (in this process), two inventory instances and the order
 * service, each service a JVM of its own with its log in one folder. The demo runs it on
 * its fixed ports; the end-to-end and fault tests run the very same arrangement on free
 * ports.
 */
public final class LocalServices implements AutoCloseable {

	private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(300);

	private static final Duration READINESS_POLL = Duration.ofMillis(250);

	private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m");

	/**
	 * The consumers of a killed service leave their group after 10 s rather than Kafka's
	 * 45 s, so that its partitions go to the instance that replaces it sooner.
	 */
	private static final List<String> SERVICE_OPTIONS = List
		.of("--spring.kafka.consumer.properties[session.timeout.ms]=10000");

	/**
	 * A dead instance is ejected for 5 s, then 10 s after each failed probe, rather than
	 * for 30 s doubling up to 5 minutes, so that an instance restarted after a minute or
	 * two is not kept out for minutes more.
	 */
	private static final List<String> ORDER_SERVICE_OPTIONS = List.of(
			"--microkit.calls.clients.inventory-service.ejection.base-time=5s",
			"--microkit.calls.clients.inventory-service.ejection.max-time=10s");

	private final Path work;

	private final Ports ports;

	private final ProjectJars jars;

	private final PrintStream out;

	private final KafkaBrokerProcess broker;

	private final EventTransport transport;

	private final RabbitMqServer rabbitMq;

	private final List<String> moreServiceArguments;

	private final List<JavaProcess> inventories = new ArrayList<>();

	private final List<JavaProcess> started = new ArrayList<>();

	private DemoDatabase database;

	private JavaProcess orderService;

	private TokenIssuerProcess issuer;

	private List<String> issuerArguments = List.of();

	/**
	 * @param home the project's root folder, where the services' jars are built
	 * @param work the folder for the broker's data, the databases and the logs
	 * @param ports the ports of the broker and the services
	 * @param out where progress is told
	 */
	public LocalServices(Path home, Path work, Ports ports, PrintStream out) {
		this(home, work, ports, out, EventTransport.KAFKA, RabbitMqServer.LOCAL, List.of());
	}

	/**
	 * @param home the project's root folder, where the services' jars are built
	 * @param work the folder for the broker's data, the databases and the logs
	 * @param ports the ports of the broker and the services
	 * @param out where progress is told
	 * @param transport the broker the services' events travel through
	 * @param rabbitMq the RabbitMQ the services use with {@link EventTransport#RABBITMQ}
	 * @param moreServiceArguments arguments every service gets beyond the demo's own
	 */
	public LocalServices(Path home, Path work, Ports ports, PrintStream out, EventTransport transport,
			RabbitMqServer rabbitMq, List<String> moreServiceArguments) {
		this.transport = transport;
		this.rabbitMq = rabbitMq;
		this.moreServiceArguments = List.copyOf(moreServiceArguments);
		this.work = work;
		this.ports = ports;
		this.jars = new ProjectJars(home);
		this.out = out;
		this.broker = KafkaBrokerProcess.fromJar(this.jars.localKafka(), work.resolve("kafka"), ports.kafka(),
				ports.kafkaController());
	}

	public Path logs() {
		return this.work.resolve("logs");
	}

	public KafkaBrokerProcess broker() {
		return this.broker;
	}

	public EventTransport transport() {
		return this.transport;
	}

	/**
	 * The token issuer, {@code http://localhost:9000} in the demo.
	 */
	public URI issuer() {
		return localhost(this.ports.issuer());
	}

	public URI orderService() {
		return localhost(this.ports.orderService());
	}

	public URI inventory(int index) {
		return localhost(this.ports.inventory().get(index));
	}

	/**
	 * The gRPC port of an inventory instance.
	 */
	public int inventoryGrpcPort(int index) {
		return this.ports.inventoryGrpc().get(index);
	}

	public List<URI> inventoryInstances() {
		return IntStream.range(0, this.ports.inventory().size()).mapToObj(this::inventory).toList();
	}

	/**
	 * The process of an inventory instance, which a user may kill.
	 */
	public JavaProcess inventoryProcess(int index) {
		return this.inventories.get(index);
	}

	/**
	 * Starts everything and waits until it is ready.
	 * @throws PortInUseException when a port the demo needs is taken
	 * @throws ProcessNotReadyException when a service exits or is not ready in time
	 */
	public void start() {
		this.ports.checkFree(this.transport == EventTransport.KAFKA);
		this.started.clear();
		if (this.transport == EventTransport.KAFKA) {
			this.out.println("Starting Kafka on " + this.broker.bootstrapServers() + " …");
			this.broker.start();
		}
		else {
			EventTransport.checkAnswers(this.rabbitMq);
			this.out.println("Events go through the RabbitMQ on " + this.rabbitMq.address() + ".");
		}
		this.out.println("Starting the token issuer (sample-authorization-server) on " + issuer() + " …");
		launchIssuer();
		this.database = DemoDatabase.start(this.work.resolve("data"));
		this.out.println("The services' databases: an H2 server in this process, " + this.database.serverUrl() + "…");
		this.out.println("Starting inventory-service on " + this.ports.inventory() + " (gRPC on "
				+ this.ports.inventoryGrpc() + ") and order-service on " + this.ports.orderService() + " …");
		for (int index = 0; index < this.ports.inventory().size(); index++) {
			this.inventories.add(launchInventory(index));
		}
		this.orderService = launchOrderService();
		for (int index = 0; index < this.inventories.size(); index++) {
			this.inventories.get(index).awaitReady(readiness(inventory(index)), SERVICE_START_TIMEOUT, READINESS_POLL);
		}
		this.orderService.awaitReady(readiness(orderService()), SERVICE_START_TIMEOUT, READINESS_POLL);
		this.issuer.awaitReady(SERVICE_START_TIMEOUT);
		this.out.println("All services are ready. Their API wants a token: curl -u demo-client:demo-secret -d "
				+ "grant_type=client_credentials " + issuer().resolve("/oauth2/token"));
		this.out.println("Live consoles (open in a browser): " + consoles());
	}

	/**
	 * The live console of each service, the order service's first.
	 */
	public List<URI> consoleUris() {
		List<URI> consoles = new ArrayList<>(List.of(orderService().resolve("/microkit/")));
		for (int index = 0; index < this.ports.inventory().size(); index++) {
			consoles.add(inventory(index).resolve("/microkit/"));
		}
		return consoles;
	}

	private String consoles() {
		List<URI> consoles = consoleUris();
		StringBuilder text = new StringBuilder("order " + consoles.get(0) + " · inventory");
		consoles.subList(1, consoles.size()).forEach((uri) -> text.append(' ').append(uri));
		return text.toString();
	}

	private void launchIssuer() {
		this.issuer = TokenIssuerProcess.start(this.jars, this.ports.issuer(), this.work,
				logs().resolve("authorization-server.log"), this.issuerArguments.toArray(String[]::new));
		this.started.add(this.issuer.process());
	}

	/**
	 * Arguments the issuer gets beyond the demo's own, such as a client's token lifetime;
	 * before {@link #start()}.
	 */
	public void issuerArguments(String... arguments) {
		this.issuerArguments = List.of(arguments);
	}

	/**
	 * Kills the token issuer at once (SIGKILL), as a crash would.
	 */
	public void killIssuer() {
		this.issuer.process().kill();
	}

	/**
	 * Starts the token issuer again on its port, with new signing keys as any start of it
	 * makes, and waits until it is ready.
	 */
	public void restartIssuer() {
		launchIssuer();
		this.issuer.awaitReady(SERVICE_START_TIMEOUT);
	}

	/**
	 * Kills an inventory instance at once (SIGKILL), as a crash would.
	 */
	public void killInventory(int index) {
		this.inventories.get(index).kill();
	}

	/**
	 * Starts an inventory instance again on its port and waits until it is ready.
	 */
	public void restartInventory(int index) {
		JavaProcess inventory = launchInventory(index);
		this.inventories.set(index, inventory);
		inventory.awaitReady(readiness(inventory(index)), SERVICE_START_TIMEOUT, READINESS_POLL);
	}

	/**
	 * Kills the order service at once (SIGKILL), as a crash would.
	 */
	public void killOrderService() {
		this.orderService.kill();
	}

	/**
	 * Starts the order service again on its port and waits until it is ready.
	 */
	public void restartOrderService() {
		this.orderService = launchOrderService();
		this.orderService.awaitReady(readiness(orderService()), SERVICE_START_TIMEOUT, READINESS_POLL);
	}

	/**
	 * A connection to one of the services' databases, {@code orders} or
	 * {@code inventory}.
	 */
	public Connection connect(String name) throws SQLException {
		return this.database.connect(name);
	}

	/**
	 * The command line that starts an inventory instance again as the demo started it.
	 */
	public List<String> inventoryCommand(int index) {
		return JavaProcess.jarCommand(this.jars.inventoryService(), SERVICE_JVM_OPTIONS, inventoryArguments(index));
	}

	private JavaProcess launchInventory(int index) {
		return launch("inventory-" + this.ports.inventory().get(index), this.jars.inventoryService(),
				inventoryArguments(index));
	}

	private List<String> inventoryArguments(int index) {
		List<String> args = new ArrayList<>(List.of("--server.port=" + this.ports.inventory().get(index),
				"--spring.grpc.server.port=" + this.ports.inventoryGrpc().get(index), datasource("inventory"),
				"--spring.profiles.active=" + profiles("chaos-monkey")));
		args.addAll(brokerArguments());
		args.addAll(this.issuer.resourceServerArguments());
		args.addAll(SERVICE_OPTIONS);
		args.addAll(this.moreServiceArguments);
		return args;
	}

	/**
	 * The arguments that point a service at its broker.
	 */
	private List<String> brokerArguments() {
		if (this.transport == EventTransport.KAFKA) {
			return List.of("--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers());
		}
		return this.rabbitMq.springProperties().stream().map((property) -> "--" + property).toList();
	}

	private String profiles(String... always) {
		List<String> profiles = new ArrayList<>(List.of(always));
		if (this.transport == EventTransport.RABBITMQ) {
			profiles.add("rabbitmq");
		}
		return String.join(",", profiles);
	}

	private JavaProcess launchOrderService() {
		List<String> args = new ArrayList<>(List.of("--server.port=" + this.ports.orderService(), datasource("orders"),
				"--spring.profiles.active=" + profiles()));
		args.addAll(brokerArguments());
		for (int index = 0; index < this.ports.inventory().size(); index++) {
			args.add("--spring.cloud.discovery.client.simple.instances.inventory-service[" + index + "].uri="
					+ inventory(index));
			args.add("--spring.cloud.discovery.client.simple.instances.inventory-service[" + index
					+ "].metadata.grpc-port=" + this.ports.inventoryGrpc().get(index));
		}
		args.addAll(this.issuer.orderServiceArguments());
		args.addAll(SERVICE_OPTIONS);
		args.addAll(ORDER_SERVICE_OPTIONS);
		args.addAll(this.moreServiceArguments);
		return launch("order", this.jars.orderService(), args);
	}

	private JavaProcess launch(String name, Path jar, List<String> args) {
		JavaProcess process = JavaProcess.start(name, JavaProcess.jarCommand(jar, SERVICE_JVM_OPTIONS, args), this.work,
				logs().resolve(name + ".log"));
		this.started.add(process);
		return process;
	}

	private String datasource(String name) {
		return "--spring.datasource.url=" + this.database.jdbcUrl(name);
	}

	private static URI readiness(URI service) {
		return service.resolve("/actuator/health/readiness");
	}

	private static URI localhost(int port) {
		return URI.create("http://localhost:" + port);
	}

	/**
	 * Stops the services, then the database server and the broker.
	 */
	@Override
	public void close() {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
		this.started.clear();
		if (this.database != null) {
			this.database.close();
		}
		this.broker.close();
	}

	/**
	 * The ports of the demo's processes.
	 *
	 * @param kafka the broker's
	 * @param kafkaController the broker's controller's
	 * @param orderService the order service's HTTP port
	 * @param inventory the inventory instances' HTTP ports
	 * @param inventoryGrpc their gRPC ports, in the same order
	 * @param issuer the token issuer's
	 */
	public record Ports(int kafka, int kafkaController, int orderService, List<Integer> inventory,
			List<Integer> inventoryGrpc, int issuer) {

		/**
		 * The ports the demo and its README name.
		 */
		public static Ports demo() {
			return new Ports(9092, 9093, 8080, List.of(8081, 8082), List.of(9081, 9082), 9000);
		}

		/**
		 * Ports free on this machine now, for tests that run beside a demo.
		 */
		public static Ports free() {
			return new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(),
					List.of(FreePorts.next(), FreePorts.next()), List.of(FreePorts.next(), FreePorts.next()),
					FreePorts.next());
		}

		void checkFree(boolean kafka) {
			List<Integer> all = new ArrayList<>(List.of(this.orderService, this.issuer));
			if (kafka) {
				all.addAll(List.of(this.kafka, this.kafkaController));
			}
			all.addAll(this.inventory);
			all.addAll(this.inventoryGrpc);
			for (int port : all) {
				if (!FreePorts.isFree(port)) {
					throw new PortInUseException(port, all);
				}
			}
		}

	}

}
