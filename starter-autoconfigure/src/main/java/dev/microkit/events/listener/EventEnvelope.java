package dev.microkit.events.listener;

/**
 * A delivery as a transport received it: the CloudEvents attributes its protocol binding
 * carries, the data, the key, and where it was read. Kafka and RabbitMQ each adapt their
 * record or message to it, and {@link IncomingEvent} reads it the same way for both.
 */
public interface EventEnvelope {

	/**
	 * The value of a CloudEvents context attribute.
	 * @param name the attribute, such as {@code id} or {@code type}
	 * @return its value, or {@code null} when the delivery does not carry it
	 */
	String attribute(String name);

	/**
	 * How the transport's binding names an attribute on the wire, for messages about a
	 * bad delivery.
	 * @param name the attribute, such as {@code id}
	 * @return the header's name, such as {@code ce_id}
	 */
	String header(String name);

	/**
	 * The event data.
	 * @return the payload, or {@code null} when the delivery has none
	 */
	byte[] data();

	/**
	 * The id of the entity the event is about.
	 * @return the key, or {@code null}
	 */
	String key();

	/**
	 * The topic the event was published to.
	 * @return the topic
	 */
	String topic();

	/**
	 * The partition the event was read from.
	 * @return the partition, or -1 where the transport has none
	 */
	int partition();

	/**
	 * The position of the event where it was read.
	 * @return the offset, or -1 where the transport has none
	 */
	long offset();

	/**
	 * Where the delivery was read, to name it in messages.
	 * @return such as {@code Record orders-0@42}
	 */
	String describe();

}
