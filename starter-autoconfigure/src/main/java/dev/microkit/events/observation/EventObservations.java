package dev.microkit.events.observation;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

import dev.microkit.events.EventsProperties;

/**
 * Whether microkit's templates and listener containers record an observation of every
 * record: when {@code microkit.events.observation-enabled} says so, else when the
 * application traces. Without a tracer an observation carries no trace, yet its timers
 * run on the producer's single I/O thread and halve the publisher's throughput.
 */
public final class EventObservations {

	private static final String TRACER = "io.micrometer.tracing.Tracer";

	private EventObservations() {
	}

	public static boolean enabled(EventsProperties properties, ListableBeanFactory beans) {
		if (properties.getObservationEnabled() != null) {
			return properties.getObservationEnabled();
		}
		ClassLoader classLoader = EventObservations.class.getClassLoader();
		return beans != null && ClassUtils.isPresent(TRACER, classLoader)
				&& beans.getBeanNamesForType(ClassUtils.resolveClassName(TRACER, classLoader)).length > 0;
	}

}
