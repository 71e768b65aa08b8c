package dev.microkit.events;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, combined broker and controller) in a child JVM on fixed
 * ports, that can be stopped and started again with its data: what a broker outage looks
 * like to an application.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final Path directory;

	private final int port;

	private Process process;

	public KafkaBrokerProcess() throws IOException, InterruptedException {
		this.directory = Files.createTempDirectory("microkit-kafka");
		this.port = freePort();
		int controllerPort = freePort();
		Files
			.writeString(this.directory.resolve("server.properties"),
					String.join("\n", "process.roles=broker,controller", "node.id=1",
							"controller.quorum.voters=1@127.0.0.1:" + controllerPort,
							"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:"
									+ controllerPort,
							"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port,
							"controller.listener.names=CONTROLLER",
							"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
							"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.directory.resolve("data"),
							"num.partitions=3", "offsets.topic.replication.factor=1",
							"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
							"group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=true"));
		Files.writeString(this.directory.resolve("logback.xml"),
				"<configuration><root level=\"WARN\"/></configuration>");
		run("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config()).waitFor(60,
				TimeUnit.SECONDS);
		start();
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public void start() throws IOException, InterruptedException {
		this.process = run("kafka.Kafka", config());
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answers()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("Kafka did not start; see " + this.directory.resolve("kafka.log"));
			}
			Thread.sleep(100);
		}
	}

	public void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly().waitFor();
		}
	}

	private String config() {
		return this.directory.resolve("server.properties").toString();
	}

	private Process run(String mainClass, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m",
				"-Dlogback.configurationFile=" + this.directory.resolve("logback.xml"), "-cp",
				System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(arguments));
		File log = this.directory.resolve("kafka.log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
			.start();
	}

	private boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
