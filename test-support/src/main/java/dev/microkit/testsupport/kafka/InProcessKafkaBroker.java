package dev.microkit.testsupport.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.microkit.localkafka.KraftBroker;
import dev.microkit.localkafka.LocalKafkaSettings;
import dev.microkit.testsupport.process.FreePorts;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real Kafka broker in this JVM — local-kafka's {@link KraftBroker}, Kafka's own KRaft
 * server — on free ports, with its data in a temporary folder that is deleted when it
 * closes. Topics have {@value #PARTITIONS} partitions; those not created up front are
 * created when first used.
 */
public final class InProcessKafkaBroker implements AutoCloseable {

	public static final int PARTITIONS = 3;

	private static final long ADMIN_TIMEOUT_SECONDS = 30;

	private static InProcessKafkaBroker shared;

	private final KraftBroker broker;

	private final Path folder;

	private InProcessKafkaBroker(KraftBroker broker, Path folder) {
		this.broker = broker;
		this.folder = folder;
	}

	/**
	 * The one broker of this JVM, started when first asked for and stopped when the JVM
	 * exits: a broker start costs seconds that each test or benchmark need not pay again.
	 * @return the shared broker
	 */
	public static synchronized InProcessKafkaBroker shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "shared-kafka-broker-stop"));
		}
		return shared;
	}

	/**
	 * Starts a broker of its own.
	 * @param topics topics to create before it is handed out, each with its {@code -dlt}
	 * twin
	 * @return the running broker
	 */
	public static InProcessKafkaBroker start(String... topics) {
		try {
			Path folder = Files.createTempDirectory("microkit-kafka");
			LocalKafkaSettings settings = new LocalKafkaSettings(FreePorts.next(), FreePorts.next(),
					folder.resolve("data"), List.of(topics), PARTITIONS);
			return new InProcessKafkaBroker(KraftBroker.start(settings), folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a Kafka broker", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while a Kafka broker started", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The Kafka broker did not create its topics", ex);
		}
	}

	public String bootstrapServers() {
		return this.broker.bootstrapServers();
	}

	/**
	 * Creates a topic of its own for one test or measurement, so that no consumer reads
	 * what an earlier one left.
	 * @param prefix the start of its name, which a random suffix follows
	 * @return its name
	 */
	public String newTopic(String prefix) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1)))
				.all()
				.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			return name;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topic " + name, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create topic " + name, ex);
		}
	}

	/**
	 * Shuts the broker down and deletes its data.
	 */
	@Override
	public void close() {
		this.broker.close();
		try (Stream<Path> files = Files.walk(this.folder)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + this.folder, ex);
		}
	}

}
