package dev.microkit.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.h2.tools.Server;

/**
 * The demo's system as real processes: a broker of the local-kafka launcher, two
 * inventory instances sharing their database and one order service, each on a free
 * port. The databases are on an H2 server in the test's JVM, as PostgreSQL would be in
 * production, so that stopping an instance takes nothing but that instance away, and a
 * test can look into them.
 */
final class SampleSystem implements AutoCloseable {

	static final Duration START_TIMEOUT = Duration.ofSeconds(300);

	private static final List<String> JVM_OPTIONS = List.of("-Xmx384m");

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

	private static final Path HOME = Path.of(System.getProperty("microkit.home", ".."));

	private final ServiceJars jars = new ServiceJars(HOME);

	private final Path work;

	private final LocalKafkaProcess broker;

	private final List<Integer> inventoryPorts = new ArrayList<>();

	private final List<ServiceProcess> inventories = new ArrayList<>();

	private final List<ServiceProcess> started = new ArrayList<>();

	private int orderPort;

	private ServiceProcess orderService;

	private Server database;

	private ShopClient shop;

	/**
	 * @param work the folder for the broker's data, the databases and the logs
	 */
	SampleSystem(Path work) throws IOException {
		this.work = work;
		this.broker = new LocalKafkaProcess(work.resolve("kafka"));
	}

	/**
	 * The project's root folder.
	 */
	static Path home() {
		return HOME;
	}

	/**
	 * An empty folder {@code demo/target/<name>} for one test class's files.
	 */
	static Path freshFolder(String name) throws IOException {
		Path folder = HOME.resolve("demo/target").resolve(name);
		if (Files.exists(folder)) {
			try (Stream<Path> files = Files.walk(folder)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		return Files.createDirectories(folder);
	}

	/**
	 * Starts the broker, the database server and the services, and waits until every
	 * service is ready.
	 */
	void start() throws IOException, SQLException {
		this.broker.start();
		Files.createDirectories(this.work.resolve("data"));
		this.database = Server
			.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", this.work.resolve("data").toString())
			.start();
		this.inventoryPorts.addAll(List.of(freePort(), freePort()));
		this.orderPort = freePort();
		this.inventories.add(launchInventory(0));
		this.inventories.add(launchInventory(1));
		this.orderService = launchOrderService();
		for (int index = 0; index < this.inventories.size(); index++) {
			this.inventories.get(index).awaitReady(readiness(inventory(index)), START_TIMEOUT);
		}
		this.orderService.awaitReady(readiness(orders()), START_TIMEOUT);
		this.shop = new ShopClient(orders());
	}

	LocalKafkaProcess broker() {
		return this.broker;
	}

	ShopClient shop() {
		return this.shop;
	}

	URI orders() {
		return localhost(this.orderPort);
	}

	URI inventory(int index) {
		return localhost(this.inventoryPorts.get(index));
	}

	/**
	 * Kills an inventory instance at once (SIGKILL), as a crash would.
	 */
	void killInventory(int index) {
		this.inventories.get(index).kill();
	}

	/**
	 * Starts an inventory instance again on its port and waits until it is ready.
	 */
	void restartInventory(int index) {
		ServiceProcess inventory = launchInventory(index);
		this.inventories.set(index, inventory);
		inventory.awaitReady(readiness(inventory(index)), START_TIMEOUT);
	}

	/**
	 * Kills the order service at once (SIGKILL), as a crash would.
	 */
	void killOrderService() {
		this.orderService.kill();
	}

	/**
	 * Starts the order service again on its port and waits until it is ready.
	 */
	void restartOrderService() {
		this.orderService = launchOrderService();
		this.orderService.awaitReady(readiness(orders()), START_TIMEOUT);
	}

	/**
	 * A connection to one of the services' databases, {@code orders} or
	 * {@code inventory}.
	 */
	Connection connect(String name) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(name), "sa", "");
	}

	private ServiceProcess launchInventory(int index) {
		int port = this.inventoryPorts.get(index);
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, kafka(), datasource("inventory")));
		args.addAll(SERVICE_OPTIONS);
		return launch("inventory-" + port, this.jars.inventoryService(), args);
	}

	private ServiceProcess launchOrderService() {
		List<String> args = new ArrayList<>(List.of("--server.port=" + this.orderPort, kafka(), datasource("orders")));
		for (int index = 0; index < this.inventoryPorts.size(); index++) {
			args.add("--spring.cloud.discovery.client.simple.instances.inventory-service[" + index + "].uri="
					+ inventory(index));
		}
		args.addAll(SERVICE_OPTIONS);
		args.addAll(ORDER_SERVICE_OPTIONS);
		return launch("order", this.jars.orderService(), args);
	}

	private ServiceProcess launch(String name, Path jar, List<String> args) {
		ServiceProcess process = ServiceProcess.start(name, jar, JVM_OPTIONS, args, this.work,
				this.work.resolve(name + "-" + System.nanoTime() + ".log"));
		this.started.add(process);
		return process;
	}

	private String kafka() {
		return "--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers();
	}

	private String datasource(String name) {
		return "--spring.datasource.url=" + jdbcUrl(name) + ";WRITE_DELAY=0";
	}

	private String jdbcUrl(String name) {
		return "jdbc:h2:tcp://localhost:" + this.database.getPort() + "/" + name;
	}

	private static URI readiness(URI service) {
		return service.resolve("/actuator/health/readiness");
	}

	private static URI localhost(int port) {
		return URI.create("http://localhost:" + port);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Stops every service this system started, then the database server and the broker.
	 */
	@Override
	public void close() {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
		if (this.database != null) {
			this.database.stop();
		}
		this.broker.close();
	}

}
