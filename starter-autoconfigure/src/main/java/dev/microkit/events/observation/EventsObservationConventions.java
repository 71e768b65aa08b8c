package dev.microkit.events.observation;

import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservation.DefaultKafkaTemplateObservationConvention;

/**
 * Names of the observations of microkit's own template and listeners. Spring Kafka's
 * default names collide in Prometheus with the timers that Boot's own
 * {@code KafkaTemplate} registers under the same name with other tags; microkit's are
 * {@code microkit.events.send} and {@code microkit.events.receive}.
 */
public final class EventsObservationConventions {

	public static final DefaultKafkaTemplateObservationConvention SEND = new DefaultKafkaTemplateObservationConvention() {

		@Override
		public String getName() {
			return "microkit.events.send";
		}

	};

	public static final DefaultKafkaListenerObservationConvention RECEIVE = new DefaultKafkaListenerObservationConvention() {

		@Override
		public String getName() {
			return "microkit.events.receive";
		}

	};

	private EventsObservationConventions() {
	}

}
