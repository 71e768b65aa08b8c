package dev.microkit.events.rabbitmq;

import java.util.Map;

import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.CloudEventHeaders;
import dev.microkit.events.OutgoingEvent;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * The CloudEvents 1.0 AMQP protocol binding, binary content mode: each attribute an
 * application property named {@code cloudEvents_<attribute>}, the data the message body,
 * its media type the message's content type. Readers also accept the binding's older
 * {@code cloudEvents:} prefix. The entity id travels as the partitioning extension's
 * {@code partitionkey} attribute.
 */
final class AmqpCloudEvents {

	static final String PREFIX = "cloudEvents_";

	static final String OLDER_PREFIX = "cloudEvents:";

	private AmqpCloudEvents() {
	}

	/**
	 * The message of an event: persistent, its id the event's id.
	 * @param event the event
	 * @return the message
	 */
	static Message toMessage(OutgoingEvent event) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(CloudEventHeaders.JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(event.id());
		properties.setHeader(PREFIX + CloudEventAttributes.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
		properties.setHeader(PREFIX + CloudEventAttributes.ID, event.id());
		properties.setHeader(PREFIX + CloudEventAttributes.TYPE, event.type());
		properties.setHeader(PREFIX + CloudEventAttributes.SOURCE, event.source());
		properties.setHeader(PREFIX + CloudEventAttributes.TIME, event.timeAttribute());
		properties.setHeader(PREFIX + CloudEventAttributes.PARTITION_KEY, event.key());
		event.extensions().forEach((name, value) -> properties.setHeader(PREFIX + name, value));
		return new Message(event.data(), properties);
	}

	/**
	 * An attribute of a received message.
	 * @param headers the message's headers
	 * @param name the attribute
	 * @return its value as text, or {@code null}
	 */
	static String attribute(Map<String, Object> headers, String name) {
		Object value = headers.get(PREFIX + name);
		if (value == null) {
			value = headers.get(OLDER_PREFIX + name);
		}
		return (value != null) ? value.toString() : null;
	}

}
