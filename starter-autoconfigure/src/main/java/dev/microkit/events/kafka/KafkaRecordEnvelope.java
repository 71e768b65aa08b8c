package dev.microkit.events.kafka;

import java.nio.charset.StandardCharsets;

import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.CloudEventHeaders;
import dev.microkit.events.listener.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A Kafka record in the CloudEvents Kafka binding's binary mode: the attributes in
 * {@code ce_} headers, the key as the entity id, the value as the data.
 */
final class KafkaRecordEnvelope implements EventEnvelope {

	private final ConsumerRecord<?, byte[]> record;

	KafkaRecordEnvelope(ConsumerRecord<?, byte[]> record) {
		this.record = record;
	}

	/**
	 * The type of a record, for metrics, whatever its other headers.
	 * @param record the record
	 * @return its {@code ce_type} or {@code unknown}
	 */
	static String typeOf(ConsumerRecord<?, ?> record) {
		String type = attribute(record, CloudEventAttributes.TYPE);
		return (type != null && !type.isBlank()) ? type : "unknown";
	}

	@Override
	public String attribute(String name) {
		return attribute(this.record, name);
	}

	private static String attribute(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(CloudEventHeaders.PREFIX + name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public String header(String name) {
		return CloudEventHeaders.PREFIX + name;
	}

	@Override
	public byte[] data() {
		return this.record.value();
	}

	@Override
	public String key() {
		Object key = this.record.key();
		return (key != null) ? key.toString() : null;
	}

	@Override
	public String topic() {
		return this.record.topic();
	}

	@Override
	public int partition() {
		return this.record.partition();
	}

	@Override
	public long offset() {
		return this.record.offset();
	}

	@Override
	public String describe() {
		return "Record " + this.record.topic() + "-" + this.record.partition() + "@" + this.record.offset();
	}

}
