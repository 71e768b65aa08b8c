package dev.microkit.testsupport.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.microkit.localkafka.LocalKafka;
import dev.microkit.testsupport.process.FreePorts;
import dev.microkit.testsupport.process.JavaProcess;

/**
 * local-kafka's broker as a process of its own on fixed ports: stopped and started again
 * it keeps its ports and data folder, so topics, records and committed offsets survive —
 * what a broker outage looks like to an application.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final List<String> JVM_OPTIONS = List.of("-Xmx384m");

	private final UnaryOperator<List<String>> command;

	private final Path folder;

	private final int port;

	private final List<String> args;

	private JavaProcess process;

	private KafkaBrokerProcess(UnaryOperator<List<String>> command, Path folder, int port, List<String> args) {
		this.command = command;
		this.folder = folder;
		this.port = port;
		this.args = args;
	}

	/**
	 * A broker run from local-kafka's executable jar, with the demo's topics; for a
	 * program that does not have local-kafka's classes, such as the demo's launcher.
	 * @param jar local-kafka's executable jar
	 * @param folder where the broker keeps its data and logs
	 * @return the broker, not started yet
	 */
	public static KafkaBrokerProcess fromJar(Path jar, Path folder, int port, int controllerPort) {
		return new KafkaBrokerProcess((args) -> JavaProcess.jarCommand(jar, JVM_OPTIONS, args), folder, port,
				portsAndData(folder, port, controllerPort));
	}

	/**
	 * A broker run from this JVM's class path, which has local-kafka on it, on free ports
	 * with its data in a new temporary folder; it creates no topics up front, so that
	 * each is created when first used.
	 * @return the broker, not started yet
	 */
	public static KafkaBrokerProcess fromClassPath() {
		try {
			Path folder = Files.createTempDirectory("microkit-kafka");
			int port = FreePorts.next();
			List<String> args = new ArrayList<>(portsAndData(folder, port, FreePorts.next()));
			args.add("--topics=");
			return new KafkaBrokerProcess(
					(all) -> JavaProcess.classCommand(LocalKafka.class.getName(), JVM_OPTIONS, all), folder, port,
					List.copyOf(args));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not make a folder for a Kafka broker", ex);
		}
	}

	private static List<String> portsAndData(Path folder, int port, int controllerPort) {
		return List.of("--port=" + port, "--controller-port=" + controllerPort,
				"--data-dir=" + folder.resolve("data").toAbsolutePath());
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	/**
	 * Starts the broker and waits until it has its topics.
	 * @throws dev.microkit.testsupport.process.ProcessNotReadyException when it exits or
	 * is not ready in time
	 */
	public void start() {
		this.process = JavaProcess.start("kafka", this.command.apply(this.args), this.folder,
				this.folder.resolve("kafka-" + System.currentTimeMillis() + ".log"));
		this.process.awaitLogLine(LocalKafka.READY, START_TIMEOUT);
	}

	/**
	 * Stops the broker gracefully and waits until its process has exited; its data stays
	 * for the next {@link #start()}.
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
