package dev.microkit.events.listener;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.microkit.events.EventMetadata;
import dev.microkit.events.EventPublisher;

/**
 * Sends what a handler returned back to the requester, when the event it handled was a
 * request: the handler's return value is the reply.
 */
final class RequestReplies {

	private static final Log logger = LogFactory.getLog(RequestReplies.class);

	static final RequestReplies NONE = new RequestReplies(() -> null);

	private final Supplier<EventPublisher> publisher;

	RequestReplies(Supplier<EventPublisher> publisher) {
		this.publisher = publisher;
	}

	/**
	 * Answers a request, unless the event is none or the handler returned nothing. A
	 * reply the broker refuses is logged: the handling itself is done and committed, and
	 * the requester's timeout tells it.
	 */
	void answer(EventMetadata event, Object reply) {
		if (!event.isRequest()) {
			return;
		}
		EventPublisher publisher = this.publisher.get();
		if (reply == null || publisher == null) {
			logger.warn("The '" + event.type() + "' request " + event.id() + " got no reply: its handler "
					+ ((publisher == null) ? "has no publisher to send one" : "returned nothing"));
			return;
		}
		publisher.reply(event, reply).whenComplete((published, failure) -> {
			if (failure != null) {
				logger.warn("The reply to the '" + event.type() + "' request " + event.id() + " was not sent: "
						+ failure.getMessage());
			}
		});
	}

}
