package dev.microkit.events.autoconfigure;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.microkit.events.EventsProperties;

/**
 * The application's consumer group: {@code microkit.events.group}, else the transport's
 * own setting, else {@code spring.application.name}.
 */
final class EventGroups {

	private EventGroups() {
	}

	static String of(EventsProperties properties, Environment environment, String... transportProperties) {
		if (StringUtils.hasText(properties.getGroup())) {
			return properties.getGroup();
		}
		for (String property : transportProperties) {
			String group = environment.getProperty(property);
			if (StringUtils.hasText(group)) {
				return group;
			}
		}
		String name = environment.getProperty("spring.application.name");
		return StringUtils.hasText(name) ? name : null;
	}

}
