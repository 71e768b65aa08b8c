package dev.microkit.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An event on its way to the broker: its CloudEvents attributes, key, topic and JSON
 * data.
 *
 * @param id unique id
 * @param type event type
 * @param source producing application
 * @param time when it happened
 * @param key id of the entity it is about
 * @param topic where it goes
 * @param data the JSON payload
 * @param extensions CloudEvents extension attributes, by name (such as
 * {@code correlationid})
 */
public record OutgoingEvent(String id, String type, String source, OffsetDateTime time, String key, String topic,
		byte[] data, Map<String, String> extensions) {

	/**
	 * An event without extension attributes.
	 */
	public OutgoingEvent(String id, String type, String source, OffsetDateTime time, String key, String topic,
			byte[] data) {
		this(id, type, source, time, key, topic, data, Map.of());
	}

	/**
	 * This event with one more extension attribute.
	 * @param name the attribute's name, lower-case letters and digits
	 * @param value its value
	 * @return a copy with the attribute
	 */
	public OutgoingEvent withExtension(String name, String value) {
		Map<String, String> extensions = new LinkedHashMap<>(this.extensions);
		extensions.put(name, value);
		return new OutgoingEvent(this.id, this.type, this.source, this.time, this.key, this.topic, this.data,
				Collections.unmodifiableMap(extensions));
	}

	public static OutgoingEvent create(String type, String source, String key, String topic, byte[] data) {
		return new OutgoingEvent(UUID.randomUUID().toString(), type, source, OffsetDateTime.now(ZoneOffset.UTC), key,
				topic, data);
	}

	/**
	 * When the event happened, as the CloudEvents {@code time} attribute is written.
	 * @return the time in RFC 3339
	 */
	public String timeAttribute() {
		return rfc3339(this.time);
	}

	/**
	 * A time as RFC 3339 wants it, seconds always written.
	 * {@code OffsetDateTime.toString()} leaves them out when they and the fraction are
	 * zero; the ISO formatter never does but takes twice as long, a few per cent of a
	 * publishing thread's time.
	 * @param time the time
	 * @return the time in RFC 3339
	 */
	static String rfc3339(OffsetDateTime time) {
		return (time.getSecond() == 0 && time.getNano() == 0) ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time)
				: time.toString();
	}

}
