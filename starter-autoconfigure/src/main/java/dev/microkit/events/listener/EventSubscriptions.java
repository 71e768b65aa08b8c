package dev.microkit.events.listener;

import java.util.HashSet;
import java.util.LinkedHashMap;
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

	Map<Subscription, Map<String, EventHandlerMethod>> byTopicAndDelivery() {
		Map<Subscription, Map<String, EventHandlerMethod>> subscriptions = new LinkedHashMap<>();
		for (EventHandlerMethod handler : this.registry.handlers()) {
			Subscription subscription = new Subscription(this.router.topicFor(handler.type()), handler.delivery());
			subscriptions.computeIfAbsent(subscription, (key) -> new LinkedHashMap<>()).put(handler.type(), handler);
		}
		return subscriptions;
	}

	/**
	 * Every type handled on a topic, whatever the delivery: a type no subscription of the
	 * topic knows is unknown, one that only another delivery handles is not.
	 */
	static Set<String> typesOn(Map<Subscription, Map<String, EventHandlerMethod>> subscriptions, String topic) {
		Set<String> types = new HashSet<>();
		subscriptions.forEach((subscription, handlers) -> {
			if (subscription.topic().equals(topic)) {
				types.addAll(handlers.keySet());
			}
		});
		return types;
	}

	record Subscription(String topic, Delivery delivery) {
	}

}
