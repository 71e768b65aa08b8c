package dev.microkit.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.microkit.testsupport.process.JavaProcess;

/**
 * The local-kafka launcher's broker as a process of its own; stopped and started again it
 * keeps its ports and data folder, so topics, records and committed offsets survive.
 */
public final class LocalKafka implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final Path jar;

	private final Path folder;

	private final int port;

	private final int controllerPort;

	private JavaProcess process;

	/**
	 * @param jar the local-kafka launcher
	 * @param folder where the broker keeps its data and logs
	 */
	LocalKafka(Path jar, Path folder, int port, int controllerPort) {
		this.jar = jar;
		this.folder = folder;
		this.port = port;
		this.controllerPort = controllerPort;
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	/**
	 * Starts the broker and waits until it has its topics.
	 */
	public void start() {
		this.process = JavaProcess.start("kafka", JavaProcess.jarCommand(this.jar, List.of("-Xmx384m"),
				List.of("--port=" + this.port, "--controller-port=" + this.controllerPort,
						"--data-dir=" + this.folder.resolve("data").toAbsolutePath())),
				this.folder, this.folder.resolve("kafka-" + System.currentTimeMillis() + ".log"));
		this.process.awaitLogLine("Kafka ready", START_TIMEOUT);
	}

	/**
	 * Stops the broker gracefully and waits until its process has exited.
	 */
	public void stop() {
		this.process.stop();
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.close();
		}
	}

}
