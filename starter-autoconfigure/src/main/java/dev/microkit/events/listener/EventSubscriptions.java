package dev.microkit.events.listener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.microkit.events.Delivery;
import dev.microkit.events.TopicRouter;

/**
 * The subscriptions the application's {@code @EventHandler} methods add up to: one per
 * topic their types route to and delivery, each with its handlers by type.
 */
public class EventSubscriptions {

	private final EventHandlerRegistry registry;

	private final TopicRouter router;

	public EventSubscriptions(EventHandlerRegistry registry, TopicRouter router) {
		this.registry = registry;
		this.router = router;
	}

	/**
	 * Every subscription, in the order the handlers were found.
	 * @return the subscriptions, none when the application has no handlers
	 */
	public List<Subscription> all() {
		Map<String, Map<Delivery, Map<String, EventHandlerMethod>>> byTopic = new LinkedHashMap<>();
		for (EventHandlerMethod handler : this.registry.handlers()) {
			byTopic.computeIfAbsent(this.router.topicFor(handler.type()), (topic) -> new LinkedHashMap<>())
				.computeIfAbsent(handler.delivery(), (delivery) -> new LinkedHashMap<>())
				.put(handler.type(), handler);
		}
		List<Subscription> subscriptions = new ArrayList<>();
		byTopic.forEach((topic, byDelivery) -> {
			// a type no subscription of the topic knows is unknown, one that only another
			// delivery handles is not
			Set<String> typesOnTopic = new HashSet<>();
			byDelivery.values().forEach((handlers) -> typesOnTopic.addAll(handlers.keySet()));
			byDelivery.forEach((delivery, handlers) -> subscriptions
				.add(new Subscription(topic, delivery, handlers, Set.copyOf(typesOnTopic))));
		});
		return subscriptions;
	}

	/**
	 * The handlers of one topic and delivery.
	 */
	public static final class Subscription {

		private final String topic;

		private final Delivery delivery;

		private final Map<String, EventHandlerMethod> handlers;

		private final Set<String> typesOnTopic;

		Subscription(String topic, Delivery delivery, Map<String, EventHandlerMethod> handlers,
				Set<String> typesOnTopic) {
			this.topic = topic;
			this.delivery = delivery;
			this.handlers = Map.copyOf(handlers);
			this.typesOnTopic = typesOnTopic;
		}

		public String topic() {
			return this.topic;
		}

		public Delivery delivery() {
			return this.delivery;
		}

		/**
		 * The types this subscription's handlers take.
		 * @return the types
		 */
		public Set<String> types() {
			return this.handlers.keySet();
		}

		Map<String, EventHandlerMethod> handlers() {
			return this.handlers;
		}

		/**
		 * Every type any subscription of the topic handles.
		 * @return the types
		 */
		Set<String> typesOnTopic() {
			return this.typesOnTopic;
		}

		@Override
		public String toString() {
			return this.topic + " (" + this.delivery + ")";
		}

	}

}
