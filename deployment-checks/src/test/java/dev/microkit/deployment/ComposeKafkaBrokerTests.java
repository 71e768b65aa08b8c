package dev.microkit.deployment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import kafka.admin.AclCommand;
import kafka.admin.BrokerApiVersionsCommand;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Docker Compose's Kafka on a real broker from Kafka's own jars, as the containers run
 * it: the storage formatted with {@code start.sh}'s SCRAM users, the broker started on
 * {@code server.properties}, the topics and ACLs made as admin through
 * {@code admin.properties} and {@code acls.sh}, and the services logging in as
 * {@code docker-compose.yml} has them. Ports, the data folder and the broker's host name
 * are replaced, and the {@code env} config provider reads the {@code kafka} service's
 * environment in {@code docker-compose.yml}.
 */
class ComposeKafkaBrokerTests {

	private static final String ADMIN_PROPERTIES = "/etc/kafka/microkit/admin.properties";

	@TempDir
	Path directory;

	private final ComposeKafka kafka = new ComposeKafka();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
		Exit.resetExitProcedure();
		Exit.resetHaltProcedure();
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
	void eachServiceMayDoWhatItsAclsAllowAndNothingElseGetsIn() throws Exception {
		Exit.setExitProcedure((status, message) -> {
			throw new IllegalStateException("Exit " + status + ": " + message);
		});
		Exit.setHaltProcedure((status, message) -> {
			throw new IllegalStateException("Halt " + status + ": " + message);
		});
		int port = freePort();
		String bootstrap = "localhost:" + port;
		Properties broker = ComposeKafka
			.properties(compose(Project.read(this.kafka.mounted("kafka", this.kafka.serverPropertiesPath())))
				.replace(":9092", ":" + port)
				.replace("kafka:" + port, bootstrap)
				.replace(":9093", ":" + freePort())
				.replace(":9094", ":" + freePort()));
		broker.setProperty("log.dirs", this.directory.resolve("data").toString());
		// as in Kafka's own test kit: a small log cleaner buffer, no wait for a group's
		// first members
		broker.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
		broker.setProperty("group.initial.rebalance.delay.ms", "0");
		Path config = store(broker, "server.properties");
		format(config);
		KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(broker), Time.SYSTEM);
		this.closeables.add(() -> {
			server.shutdown();
			server.awaitShutdown();
		});
		server.startup();

		Path adminConfig = store(
				ComposeKafka.properties(compose(Project.read(this.kafka.mounted("kafka", ADMIN_PROPERTIES)))),
				"admin.properties");
		// the health check
		ByteArrayOutputStream versions = new ByteArrayOutputStream();
		BrokerApiVersionsCommand.execute(
				new String[] { "--bootstrap-server", bootstrap, "--command-config", adminConfig.toString() },
				new PrintStream(versions, true, StandardCharsets.UTF_8));
		assertThat(versions.toString(StandardCharsets.UTF_8)).contains(bootstrap + " (id: 1 ");
		Properties adminProperties = ComposeKafka.properties(Files.readString(adminConfig));
		adminProperties.setProperty("bootstrap.servers", bootstrap);
		try (Admin admin = Admin.create(adminProperties)) {
			List<NewTopic> topics = this.kafka.topics()
				.stream()
				.map((topic) -> new NewTopic(topic, 3, (short) 1))
				.toList();
			admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
		}
		createAcls(bootstrap, adminConfig);

		// order-service publishes orders, not inventory events
		try (KafkaProducer<String, String> producer = producer(service("order-service", bootstrap))) {
			producer.send(new ProducerRecord<>("orders", "o-1", "placed")).get(30, TimeUnit.SECONDS);
			assertThat(failure(() -> producer.send(new ProducerRecord<>("inventory", "i-1", "reserved"))
				.get(30, TimeUnit.SECONDS))).isInstanceOf(TopicAuthorizationException.class);
		}
		// inventory-service reads orders in its group, not in order-service's, and may
		// not publish them
		Map<String, Object> inventory = service("inventory-service", bootstrap);
		try (KafkaConsumer<String, String> consumer = consumer(inventory, "inventory-service")) {
			consumer.subscribe(List.of("orders"));
			List<String> values = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (values.isEmpty() && System.nanoTime() < deadline) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
				records.forEach((record) -> values.add(record.value()));
			}
			assertThat(values).containsExactly("placed");
		}
		try (KafkaConsumer<String, String> consumer = consumer(inventory, "order-service")) {
			consumer.subscribe(List.of("orders"));
			assertThat(failure(() -> consumer.poll(Duration.ofSeconds(10))))
				.isInstanceOf(GroupAuthorizationException.class);
		}
		try (KafkaProducer<String, String> producer = producer(inventory)) {
			assertThat(failure(
					() -> producer.send(new ProducerRecord<>("orders", "o-2", "placed")).get(30, TimeUnit.SECONDS)))
				.isInstanceOf(TopicAuthorizationException.class);
		}
		// a wrong password, and no login at all
		Map<String, Object> wrongPassword = service("order-service", bootstrap);
		wrongPassword.put("sasl.jaas.config",
				wrongPassword.get("sasl.jaas.config").toString().replaceAll("password=\"[^\"]*\"", "password=\"x\""));
		try (KafkaProducer<String, String> producer = producer(wrongPassword)) {
			assertThat(failure(
					() -> producer.send(new ProducerRecord<>("orders", "o-3", "placed")).get(30, TimeUnit.SECONDS)))
				.isInstanceOf(SaslAuthenticationException.class);
		}
		try (Admin anonymous = Admin.create(
				Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", 2000, "default.api.timeout.ms", 3000))) {
			assertThat(failure(() -> anonymous.listTopics(new ListTopicsOptions().timeoutMs(3000))
				.names()
				.get(10, TimeUnit.SECONDS))).isInstanceOf(TimeoutException.class);
		}
	}

	/**
	 * The storage formatted as {@code start.sh} formats it, with the same users.
	 */
	private void format(Path config) {
		List<String> arguments = new ArrayList<>(this.kafka.formatArguments());
		arguments.set(arguments.indexOf("--config") + 1, config.toString());
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exit = StorageTool.execute(arguments.toArray(String[]::new),
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(exit).as(output.toString(StandardCharsets.UTF_8)).isZero();
	}

	/**
	 * The ACLs made as {@code acls.sh} makes them, through Kafka's {@code kafka-acls.sh}
	 * command.
	 */
	private void createAcls(String bootstrap, Path adminConfig) {
		List<String> command = new ArrayList<>(this.kafka.aclCommand());
		assertThat(command.get(0)).isEqualTo("/opt/kafka/bin/kafka-acls.sh");
		command.remove(0);
		command.set(command.indexOf("--bootstrap-server") + 1, bootstrap);
		command.set(command.indexOf("--command-config") + 1, adminConfig.toString());
		for (List<String> arguments : this.kafka.aclArguments()) {
			List<String> args = new ArrayList<>(command);
			args.addAll(arguments);
			AclCommand.main(args.toArray(String[]::new));
		}
	}

	/**
	 * A service's Kafka client configuration from its environment in
	 * {@code docker-compose.yml}, as Spring Boot maps it.
	 */
	private Map<String, Object> service(String name, String bootstrap) {
		Map<String, String> environment = this.kafka.environment(name);
		Map<String, Object> properties = new HashMap<>();
		properties.put("bootstrap.servers", bootstrap);
		properties.put("security.protocol", environment.get("SPRING_KAFKA_SECURITY_PROTOCOL"));
		properties.put("sasl.mechanism", environment.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"));
		properties.put("sasl.jaas.config", environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
		return properties;
	}

	private KafkaProducer<String, String> producer(Map<String, Object> service) {
		Map<String, Object> properties = new HashMap<>(service);
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
		properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
		properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
	}

	private KafkaConsumer<String, String> consumer(Map<String, Object> service, String group) {
		Map<String, Object> properties = new HashMap<>(service);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
	}

	/**
	 * What a call failed with, its cause if it is an {@code ExecutionException}.
	 */
	private static Throwable failure(ThrowingCall call) {
		Throwable failure = catchThrowable(call::call);
		assertThat(failure).as("a failure").isNotNull();
		return (failure instanceof ExecutionException) ? failure.getCause() : failure;
	}

	/**
	 * A file's text with the {@code env} config provider replaced by one that reads the
	 * {@code kafka} service's environment in {@code docker-compose.yml}.
	 */
	private static String compose(String properties) {
		assertThat(properties).contains(EnvVarConfigProvider.class.getName());
		return properties.replace(EnvVarConfigProvider.class.getName(), ComposeEnvironment.class.getName());
	}

	private Path store(Properties properties, String name) throws IOException {
		Path file = this.directory.resolve(name);
		try (Writer writer = Files.newBufferedWriter(file)) {
			properties.store(writer, null);
		}
		return file;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@FunctionalInterface
	private interface ThrowingCall {

		Object call() throws Exception;

	}

	/**
	 * Kafka's {@code env} config provider over the {@code kafka} service's environment in
	 * {@code docker-compose.yml}, which the setup containers share for the admin's
	 * password.
	 */
	public static class ComposeEnvironment implements ConfigProvider {

		@Override
		public void configure(Map<String, ?> configs) {
		}

		@Override
		public ConfigData get(String path) {
			return new ConfigData(new ComposeKafka().environment("kafka"));
		}

		@Override
		public ConfigData get(String path, Set<String> keys) {
			return new ConfigData(new ComposeKafka().environment("kafka")
				.entrySet()
				.stream()
				.filter((entry) -> keys.contains(entry.getKey()))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
		}

		@Override
		public void close() {
		}

	}

}
