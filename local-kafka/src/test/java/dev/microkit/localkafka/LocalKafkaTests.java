package dev.microkit.localkafka;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher as the demo runs it: its own JVM, a data folder, fixed ports; and the same
 * broker started in the calling JVM.
 */
class LocalKafkaTests {

	@TempDir
	Path dataDir;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopAll() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void createsTheDemoTopicsAndKeepsMessagesAcrossARestart() throws Exception {
		int port = freePort();
		int controllerPort = freePort();
		Process first = launch(port, controllerPort, "first.log");
		awaitTopics(port);
		assertThat(describe(port, List.of("orders", "orders-dlt", "inventory", "inventory-dlt")).values())
			.allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(3));
		send(port, "orders", "o-1", "placed");
		first.destroy();
		assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
		launch(port, controllerPort, "second.log");
		awaitTopics(port);
		assertThat(readAll(port, "orders")).extracting(ConsumerRecord::value).containsExactly("placed");
	}

	@Test
	void startsTheSameBrokerInTheCallingJvm() throws Exception {
		int port = freePort();
		LocalKafkaSettings settings = new LocalKafkaSettings(port, freePort(), this.dataDir.resolve("in-process"),
				List.of("orders"), 2);
		try (KraftBroker broker = KraftBroker.start(settings)) {
			assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
			assertThat(describe(port, List.of("orders", "orders-dlt")).values())
				.allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(2));
			send(port, "orders", "o-1", "placed");
			assertThat(readAll(port, "orders")).extracting(ConsumerRecord::value).containsExactly("placed");
		}
	}

	@Test
	void createsNoTopicsWhenToldNone() {
		assertThat(LocalKafkaSettings.parse("--topics=").topics()).isEmpty();
	}

	@Test
	void refusesABusyPortWithAClearMessage() throws Exception {
		try (ServerSocket busy = new ServerSocket(0)) {
			Process process = launch(busy.getLocalPort(), freePort(), "busy.log");
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(2);
			assertThat(Files.readString(this.dataDir.resolve("busy.log")))
				.contains("Port " + busy.getLocalPort() + " is in use");
		}
	}

	private Process launch(int port, int controllerPort, String log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		File output = this.dataDir.resolve(log).toFile();
		Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				LocalKafka.class.getName(), "--port=" + port, "--controller-port=" + controllerPort,
				"--data-dir=" + this.dataDir.resolve("kafka"))
			.redirectErrorStream(true)
			.redirectOutput(output)
			.start();
		this.processes.add(process);
		return process;
	}

	private void awaitTopics(int port) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
			Map<String, TopicDescription> topics = describe(port, List.of("orders", "inventory-dlt"));
			return topics.size() == 2;
		});
	}

	private static Map<String, TopicDescription> describe(int port, List<String> topics) throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				"localhost:" + port, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
			return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
		}
	}

	private static void send(int port, String topic, String key, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
	}

	private static List<ConsumerRecord<String, String>> readAll(int port, String topic) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port, ConsumerConfig.GROUP_ID_CONFIG,
						"reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (records.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}
		return records;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
