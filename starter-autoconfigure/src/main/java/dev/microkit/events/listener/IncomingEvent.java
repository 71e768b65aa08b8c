package dev.microkit.events.listener;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import dev.microkit.events.CloudEventHeaders;
import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.EventMetadata;
import dev.microkit.events.PoisonPillException;

/**
 * A delivery read as a CloudEvent in binary mode: its attributes checked, its metadata
 * made.
 */
public final class IncomingEvent {

	private final EventEnvelope envelope;

	private final EventMetadata metadata;

	private IncomingEvent(EventEnvelope envelope, EventMetadata metadata) {
		this.envelope = envelope;
		this.metadata = metadata;
	}

	/**
	 * Reads the envelope of a delivery.
	 * @param envelope the delivery
	 * @return the event
	 * @throws PoisonPillException when a required attribute is missing or wrong
	 */
	public static IncomingEvent from(EventEnvelope envelope) {
		String specVersion = envelope.attribute(CloudEventAttributes.SPEC_VERSION);
		if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
			throw poison(envelope, "has " + envelope.header(CloudEventAttributes.SPEC_VERSION) + " '" + specVersion
					+ "', expected '1.0'");
		}
		String id = required(envelope, CloudEventAttributes.ID);
		String type = required(envelope, CloudEventAttributes.TYPE);
		String source = required(envelope, CloudEventAttributes.SOURCE);
		String time = envelope.attribute(CloudEventAttributes.TIME);
		if (envelope.data() == null) {
			throw poison(envelope, "has no value");
		}
		return new IncomingEvent(envelope,
				new EventMetadata(id, type, source, parseTime(envelope, time), envelope.key(), envelope.topic(),
						envelope.partition(), envelope.offset(), envelope.attribute(CloudEventAttributes.REPLY_TO),
						envelope.attribute(CloudEventAttributes.AUTH_ID)));
	}

	EventMetadata metadata() {
		return this.metadata;
	}

	byte[] data() {
		return this.envelope.data();
	}

	PoisonPillException poison(String problem, Throwable cause) {
		return poison(this.envelope, problem, cause);
	}

	private static OffsetDateTime parseTime(EventEnvelope envelope, String time) {
		if (time == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(time);
		}
		catch (DateTimeParseException ex) {
			throw poison(envelope, "has " + envelope.header(CloudEventAttributes.TIME) + " '" + time
					+ "', which is not an RFC 3339 timestamp");
		}
	}

	private static String required(EventEnvelope envelope, String name) {
		String value = envelope.attribute(name);
		if (value == null || value.isBlank()) {
			throw poison(envelope, "has no " + envelope.header(name) + " header");
		}
		return value;
	}

	static PoisonPillException poison(EventEnvelope envelope, String problem) {
		return poison(envelope, problem, null);
	}

	static PoisonPillException poison(EventEnvelope envelope, String problem, Throwable cause) {
		return new PoisonPillException(envelope.describe() + " " + problem, cause);
	}

}
