package dev.microkit.events.rabbitmq;

/**
 * RabbitMQ did not take an event: no queue was bound for it, or the broker refused it.
 */
public class UnroutableEventException extends RuntimeException {

	public UnroutableEventException(String message) {
		super(message);
	}

}
