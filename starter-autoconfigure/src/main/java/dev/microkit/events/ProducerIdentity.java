package dev.microkit.events;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who produces the events of this application, in the attributes of the CloudEvents Auth
 * Context extension on every event it sends, outbox relay included: {@code authtype}
 * ({@code service_account} for a service) and {@code authid} (by default the application
 * name). Consumers read it as {@link EventMetadata#authId()}. It names the producer; the
 * broker's authentication and ACLs (a SCRAM user per service allowed to write only its
 * own topics) are what make it true.
 *
 * @param type the kind of principal, one of the extension's values
 * @param id the principal's id
 */
public record ProducerIdentity(String type, String id) {

	/**
	 * The kinds of principal the Auth Context extension names.
	 */
	public static final Set<String> TYPES = Set.of("app_user", "user", "service_account", "api_key", "system",
			"unauthenticated", "unknown");

	/**
	 * The event with this identity's attributes.
	 * @param event the event
	 * @return a copy with {@code authtype} and {@code authid}
	 */
	public OutgoingEvent stamp(OutgoingEvent event) {
		Map<String, String> extensions = new LinkedHashMap<>(event.extensions());
		extensions.put(CloudEventAttributes.AUTH_TYPE, this.type);
		extensions.put(CloudEventAttributes.AUTH_ID, this.id);
		return new OutgoingEvent(event.id(), event.type(), event.source(), event.time(), event.key(), event.topic(),
				event.data(), Collections.unmodifiableMap(extensions));
	}

	/**
	 * A sender that stamps every event with this identity before the given one sends it.
	 * @param sender the sender
	 * @return the stamping sender
	 */
	public EventSender stamping(EventSender sender) {
		return new StampingSender(sender, this);
	}

	private record StampingSender(EventSender sender, ProducerIdentity identity) implements EventSender {

		@Override
		public CompletableFuture<PublishedEvent> send(OutgoingEvent event) {
			return this.sender.send(this.identity.stamp(event));
		}

		@Override
		public void prepare(Collection<String> topics) {
			this.sender.prepare(topics);
		}

		@Override
		public boolean isPermanent(Throwable failure) {
			return this.sender.isPermanent(failure);
		}

		@Override
		public long inOrderBytes() {
			return this.sender.inOrderBytes();
		}

		@Override
		public String transport() {
			return this.sender.transport();
		}

	}

}
