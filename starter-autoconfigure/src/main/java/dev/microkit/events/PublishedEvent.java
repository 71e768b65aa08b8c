package dev.microkit.events;

/**
 * What became of a published event.
 *
 * @param id the event's {@code ce_id}
 * @param type its type
 * @param key its record key
 * @param topic the topic it was sent to
 * @param partition the partition it landed in
 * @param offset its offset there
 */
public record PublishedEvent(String id, String type, String key, String topic, int partition, long offset) {
}
