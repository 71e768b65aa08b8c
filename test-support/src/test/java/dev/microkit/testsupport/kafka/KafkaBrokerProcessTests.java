package dev.microkit.testsupport.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker a broker-outage test stops and starts again.
 */
class KafkaBrokerProcessTests {

	@Test
	void keepsItsRecordsAcrossAStopAndAStart() throws Exception {
		try (KafkaBrokerProcess broker = KafkaBrokerProcess.fromClassPath()) {
			broker.start();
			KafkaRecords.send(broker.bootstrapServers(), "created-when-first-used", "before the outage");
			broker.stop();
			broker.start();
			assertThat(KafkaRecords.readAll(broker.bootstrapServers(), "created-when-first-used"))
				.containsExactly("before the outage");
		}
	}

}
