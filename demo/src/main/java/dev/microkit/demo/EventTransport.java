package dev.microkit.demo;

import dev.microkit.testsupport.rabbitmq.RabbitMqServer;

/**
 * The broker the demo's events travel through: a Kafka broker the demo starts itself, or
 * the RabbitMQ that runs on this machine ({@code ./demo.sh --transport=rabbitmq}).
 */
public enum EventTransport {

	/**
	 * A Kafka broker started by the demo.
	 */
	KAFKA,

	/**
	 * The RabbitMQ on localhost:5672, as the services' {@code rabbitmq} profile expects
	 * it (guest/guest by default).
	 */
	RABBITMQ;

	/**
	 * The transport a {@code --transport} option names.
	 * @throws IllegalArgumentException for any other name
	 */
	static EventTransport of(String name) {
		return switch (name) {
			case "kafka" -> KAFKA;
			case "rabbitmq" -> RABBITMQ;
			default -> throw new IllegalArgumentException("--transport takes kafka or rabbitmq, not '" + name + "'");
		};
	}

	/**
	 * Fails when the RabbitMQ does not answer, with what to do.
	 * @throws BrokerUnavailableException when it does not
	 */
	static void checkAnswers(RabbitMqServer rabbitMq) {
		if (!rabbitMq.answers()) {
			throw new BrokerUnavailableException("No RabbitMQ answers on " + rabbitMq.address()
					+ ". Start one (rabbitmq-server, or docker run -p 5672:5672 rabbitmq:3.13-alpine) "
					+ "or run ./demo.sh without --transport=rabbitmq, on the Kafka broker the demo starts itself.");
		}
	}

}
