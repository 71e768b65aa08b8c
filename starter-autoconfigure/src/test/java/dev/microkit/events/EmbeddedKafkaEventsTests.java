package dev.microkit.events;

import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

/**
 * The event scenarios on Kafka's own KRaft broker, in this JVM: they run everywhere.
 */
class EmbeddedKafkaEventsTests extends EventsScenarios {

	@Override
	protected String bootstrapServers() {
		return InProcessKafkaBroker.shared().bootstrapServers();
	}

}
