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
 * @param replyTo where the requester reads replies when the event is a request sent with
 * {@link EventPublisher#request}, else {@code null}
 * @param authId the producing principal ({@code ce_authid} of the CloudEvents Auth
 * Context extension, the producer's {@code microkit.events.identity.id}), or {@code null}
 * when the producer named none
 */
public record EventMetadata(String id, String type, String source, OffsetDateTime time, String key, String topic,
		int partition, long offset, String replyTo, String authId) {

	/**
	 * The envelope of an event whose producer named no principal.
	 */
	public EventMetadata(String id, String type, String source, OffsetDateTime time, String key, String topic,
			int partition, long offset, String replyTo) {
		this(id, type, source, time, key, topic, partition, offset, replyTo, null);
	}

	/**
	 * The envelope of an event that is not a request.
	 */
	public EventMetadata(String id, String type, String source, OffsetDateTime time, String key, String topic,
			int partition, long offset) {
		this(id, type, source, time, key, topic, partition, offset, null, null);
	}

	/**
	 * Whether the event is a request whose sender waits for a reply.
	 * @return whether it names where replies go
	 */
	public boolean isRequest() {
		return this.replyTo != null;
	}

}
