package dev.microkit.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * The broker {@link LocalKafka} runs — Kafka's own KRaft server, broker and controller in
 * one — started in the calling JVM instead of a JVM of its own, with the same
 * configuration, data folder and topics: for tests and benchmarks that need a real broker
 * and no process to manage.
 */
public final class KraftBroker implements AutoCloseable {

	/**
	 * The log cleaner's buffer, small as in Kafka's own test kit: the default takes 128
	 * MiB of the heap the broker shares with the application.
	 */
	private static final String CLEANER_BUFFER_BYTES = String.valueOf(2 * 1024 * 1024);

	private final LocalKafkaSettings settings;

	private final KafkaRaftServer server;

	private KraftBroker(LocalKafkaSettings settings, KafkaRaftServer server) {
		this.settings = settings;
		this.server = server;
	}

	/**
	 * Starts the broker and waits until it has its topics.
	 * @param settings its ports, data folder and topics
	 * @return the running broker
	 */
	public static KraftBroker start(LocalKafkaSettings settings)
			throws IOException, InterruptedException, ExecutionException, TimeoutException {
		Path config = BrokerStorage.prepare(settings, new PrintStream(OutputStream.nullOutputStream()));
		Properties properties = Utils.loadProps(config.toString());
		properties.setProperty("log.cleaner.dedupe.buffer.size", CLEANER_BUFFER_BYTES);
		KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
		KraftBroker broker = new KraftBroker(settings, server);
		try {
			server.startup();
			TopicCreator.create(settings);
		}
		catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException ex) {
			broker.close();
			throw ex;
		}
		return broker;
	}

	public LocalKafkaSettings settings() {
		return this.settings;
	}

	public String bootstrapServers() {
		return this.settings.bootstrapServers();
	}

	/**
	 * Shuts the broker down and waits until it has; its data folder stays.
	 */
	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
