package dev.microkit.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The local-kafka launcher's broker as a process of its own on free ports; stopped and
 * started again it keeps its ports and data folder, so topics, records and committed
 * offsets survive.
 */
final class LocalKafkaProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final Path jar = new ServiceJars(SampleSystem.home()).localKafka();

	private final Path folder;

	private final int port;

	private final int controllerPort;

	private ServiceProcess process;

	/**
	 * @param folder where the broker keeps its data and logs
	 */
	LocalKafkaProcess(Path folder) throws IOException {
		this.folder = folder;
		this.port = SampleSystem.freePort();
		this.controllerPort = SampleSystem.freePort();
	}

	String bootstrapServers() {
		return "localhost:" + this.port;
	}

	/**
	 * Starts the broker and waits until it has its topics.
	 */
	void start() {
		this.process = ServiceProcess.start("kafka", this.jar, List.of("-Xmx384m"),
				List.of("--port=" + this.port, "--controller-port=" + this.controllerPort,
						"--data-dir=" + this.folder.resolve("data").toAbsolutePath()),
				this.folder, this.folder.resolve("kafka-" + System.nanoTime() + ".log"));
		this.process.awaitLogLine("Kafka ready", START_TIMEOUT);
	}

	/**
	 * Stops the broker gracefully and waits until its process has exited.
	 */
	void stop() {
		this.process.stop();
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.close();
		}
	}

}
