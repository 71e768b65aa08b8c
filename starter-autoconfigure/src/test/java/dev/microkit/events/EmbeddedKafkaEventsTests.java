package dev.microkit.events;

/**
 * The event scenarios on Kafka's own KRaft broker, in this JVM: they run everywhere.
 */
class EmbeddedKafkaEventsTests extends EventsScenarios {

	@Override
	protected String bootstrapServers() {
		return SharedKafkaBroker.bootstrapServers();
	}

}
