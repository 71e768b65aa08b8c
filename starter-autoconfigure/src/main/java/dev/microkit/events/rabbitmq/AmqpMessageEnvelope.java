package dev.microkit.events.rabbitmq;

import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.listener.EventEnvelope;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * A RabbitMQ message in the CloudEvents AMQP binding ({@link AmqpCloudEvents}): the topic
 * is the exchange it was published to; RabbitMQ has no partitions or offsets.
 */
final class AmqpMessageEnvelope implements EventEnvelope {

	private final Message message;

	AmqpMessageEnvelope(Message message) {
		this.message = message;
	}

	@Override
	public String attribute(String name) {
		return AmqpCloudEvents.attribute(this.message.getMessageProperties().getHeaders(), name);
	}

	@Override
	public String header(String name) {
		return AmqpCloudEvents.PREFIX + name;
	}

	@Override
	public byte[] data() {
		byte[] body = this.message.getBody();
		return (body != null && body.length > 0) ? body : null;
	}

	@Override
	public String key() {
		return attribute(CloudEventAttributes.PARTITION_KEY);
	}

	@Override
	public String topic() {
		return this.message.getMessageProperties().getReceivedExchange();
	}

	@Override
	public int partition() {
		return -1;
	}

	@Override
	public long offset() {
		return -1;
	}

	@Override
	public String describe() {
		MessageProperties properties = this.message.getMessageProperties();
		return "Message " + properties.getMessageId() + " from exchange " + properties.getReceivedExchange()
				+ " on queue " + properties.getConsumerQueue();
	}

	/**
	 * The type of a message, for metrics, whatever its other headers.
	 * @param message the message
	 * @return its type or {@code unknown}
	 */
	static String typeOf(Message message) {
		String type = AmqpCloudEvents.attribute(message.getMessageProperties().getHeaders(), CloudEventAttributes.TYPE);
		return (type != null && !type.isBlank()) ? type : "unknown";
	}

}
