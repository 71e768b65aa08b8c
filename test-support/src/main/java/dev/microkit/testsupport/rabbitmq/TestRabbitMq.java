package dev.microkit.testsupport.rabbitmq;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
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

}
