package dev.microkit.events;

import java.util.Map;

/**
 * Routes event types to topics: a route for the exact type, else for its longest prefix
 * ending at a dot ({@code order} routes {@code order.placed} and
 * {@code order.cancelled}), else the topic named after the type's first segment
 * ({@code order.placed} goes to {@code order}).
 */
public class TopicRouter {

	private final Map<String, String> routes;

	public TopicRouter(Map<String, String> routes) {
		this.routes = Map.copyOf(routes);
	}

	public String topicFor(String type) {
		String candidate = type;
		while (true) {
			String topic = this.routes.get(candidate);
			if (topic != null) {
				return topic;
			}
			int dot = candidate.lastIndexOf('.');
			if (dot < 0) {
				return firstSegment(type);
			}
			candidate = candidate.substring(0, dot);
		}
	}

	private static String firstSegment(String type) {
		int dot = type.indexOf('.');
		return (dot < 0) ? type : type.substring(0, dot);
	}

}
