package dev.microkit.events.listener;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import dev.microkit.events.CloudEventHeaders;
import dev.microkit.events.EventMetadata;
import dev.microkit.events.PoisonPillException;

/**
 * A consumed record read as a CloudEvent in binary mode.
 */
final class IncomingEvent {

	private final ConsumerRecord<String, byte[]> record;

	private final EventMetadata metadata;

	private IncomingEvent(ConsumerRecord<String, byte[]> record, EventMetadata metadata) {
		this.record = record;
		this.metadata = metadata;
	}

	/**
	 * Reads the envelope of a record.
	 * @param record the record
	 * @return the event
	 * @throws PoisonPillException when a required attribute is missing or wrong
	 */
	static IncomingEvent from(ConsumerRecord<String, byte[]> record) {
		String specVersion = header(record, CloudEventHeaders.SPEC_VERSION);
		if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
			throw poison(record, "has ce_specversion '" + specVersion + "', expected '1.0'");
		}
		String id = required(record, CloudEventHeaders.ID);
		String type = required(record, CloudEventHeaders.TYPE);
		String source = required(record, CloudEventHeaders.SOURCE);
		String time = header(record, CloudEventHeaders.TIME);
		if (record.value() == null) {
			throw poison(record, "has no value");
		}
		return new IncomingEvent(record, new EventMetadata(id, type, source, parseTime(record, time), record.key(),
				record.topic(), record.partition(), record.offset()));
	}

	/**
	 * The type of a record, for metrics, whatever its other headers.
	 * @param record the record
	 * @return its {@code ce_type} or {@code unknown}
	 */
	static String typeOf(ConsumerRecord<?, ?> record) {
		String type = header(record, CloudEventHeaders.TYPE);
		return (type != null && !type.isBlank()) ? type : "unknown";
	}

	EventMetadata metadata() {
		return this.metadata;
	}

	byte[] data() {
		return this.record.value();
	}

	private static OffsetDateTime parseTime(ConsumerRecord<String, byte[]> record, String time) {
		if (time == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(time);
		}
		catch (DateTimeParseException ex) {
			throw poison(record, "has ce_time '" + time + "', which is not an RFC 3339 timestamp");
		}
	}

	private static String required(ConsumerRecord<String, byte[]> record, String name) {
		String value = header(record, name);
		if (value == null || value.isBlank()) {
			throw poison(record, "has no " + name + " header");
		}
		return value;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	static PoisonPillException poison(ConsumerRecord<?, ?> record, String problem) {
		return poison(record, problem, null);
	}

	static PoisonPillException poison(ConsumerRecord<?, ?> record, String problem, Throwable cause) {
		return new PoisonPillException(
				"Record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " " + problem, cause);
	}

}
