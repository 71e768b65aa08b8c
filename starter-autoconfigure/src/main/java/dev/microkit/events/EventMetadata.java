package dev.microkit.events;

import java.time.OffsetDateTime;

/**
 * The envelope of a consumed event: its CloudEvents attributes, its key and where it was
 * read. Declare a parameter of this type on an {@link EventHandler} method to get it.
 *
 * @param id unique id of the event ({@code ce_id})
 * @param type event type ({@code ce_type})
 * @param source producing application ({@code ce_source})
 * @param time when the event happened ({@code ce_time})
 * @param key record key, the id of the entity the event is about
 * @param topic topic it was read from
 * @param partition partition it was read from
 * @param offset offset in that partition
 */
public record EventMetadata(String id, String type, String source, OffsetDateTime time, String key, String topic,
		int partition, long offset) {
}
