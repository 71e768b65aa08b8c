package dev.microkit.testsupport.rabbitmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * The RabbitMQ of the project's tests: a Testcontainers one where Docker is available,
 * else {@link RabbitMqServer#LOCAL} when it answers; a test that needs it is skipped when
 * neither is there. Tests keep apart by unique topic and group names.
 */
public final class TestRabbitMq {

	private static final String IMAGE = "rabbitmq:3.13-alpine";

	private static RabbitMQContainer container;

	private TestRabbitMq() {
	}

	/**
	 * Whether there is a RabbitMQ for tests, for {@code @EnabledIf}.
	 */
	public static boolean available() {
		return DockerClientFactory.instance().isDockerAvailable() || RabbitMqServer.LOCAL.answers();
	}

	/**
	 * The broker, a container started when first asked for where Docker is available.
	 * @return the broker
	 * @throws org.opentest4j.TestAbortedException when there is none, which skips the
	 * test
	 */
	public static synchronized RabbitMqServer server() {
		if (DockerClientFactory.instance().isDockerAvailable()) {
			if (container == null) {
				container = new RabbitMQContainer(IMAGE);
				container.start();
			}
			return new RabbitMqServer(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
					container.getAdminPassword());
		}
		Assumptions.assumeTrue(RabbitMqServer.LOCAL.answers(), "Neither Docker nor a RabbitMQ broker on "
				+ RabbitMqServer.LOCAL.address() + " (start one with rabbitmq-server -detached)");
		return RabbitMqServer.LOCAL;
	}

	/**
	 * Stops the broker's application, as an outage would: connections drop and new ones
	 * are refused; durable queues and their messages stay. {@code rabbitmqctl stop_app}
	 * in the container, or on this machine.
	 * @throws org.opentest4j.TestAbortedException when there is no {@code rabbitmqctl} to
	 * run, which skips the test
	 */
	public static void stopApp() {
		rabbitmqctl("stop_app");
	}

	/**
	 * Starts the broker's application again and waits until it takes connections.
	 */
	public static void startApp() {
		rabbitmqctl("start_app");
		RabbitMqServer server = (container != null) ? server() : RabbitMqServer.LOCAL;
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!server.answers() && System.nanoTime() < deadline) {
			sleep(Duration.ofMillis(200));
		}
	}

	// not through server(): a stopped broker does not answer, and must still be started
	private static synchronized void rabbitmqctl(String command) {
		try {
			if (container != null) {
				Container.ExecResult result = container.execInContainer("rabbitmqctl", command);
				if (result.getExitCode() != 0) {
					throw new IllegalStateException("rabbitmqctl " + command + " failed: " + result.getStderr());
				}
				return;
			}
			Process process;
			try {
				process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
			}
			catch (IOException ex) {
				Assumptions.abort("No rabbitmqctl on this machine to stop and start RabbitMQ with");
				return;
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("rabbitmqctl " + command + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
