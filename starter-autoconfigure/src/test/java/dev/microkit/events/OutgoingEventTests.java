package dev.microkit.events;

import dev.microkit.events.kafka.KafkaEventSender;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutgoingEventTests {

	@Test
	void timeOnTheMinuteStillHasItsSeconds() {
		OffsetDateTime time = OffsetDateTime.of(2026, 12, 2, 10, 15, 0, 0, ZoneOffset.UTC);

		assertThat(OutgoingEvent.rfc3339(time)).isEqualTo("2026-12-02T10:15:00Z");
	}

	@Test
	void timeWithAFractionReadsBackTheSame() {
		OffsetDateTime time = OffsetDateTime.of(2026, 12, 2, 10, 15, 0, 123_400_000, ZoneOffset.UTC);

		String text = OutgoingEvent.rfc3339(time);

		assertThat(text).matches("2026-12-02T10:15:00\\.1234(00)?Z");
		assertThat(OffsetDateTime.parse(text)).isEqualTo(time);
	}

	@Test
	void recordCarriesTheTimeInRfc3339() {
		OffsetDateTime time = OffsetDateTime.of(2026, 12, 2, 10, 15, 30, 0, ZoneOffset.ofHours(1));
		OutgoingEvent event = new OutgoingEvent("id-1", "order.placed", "orders", time, "order-1", "orders",
				new byte[0]);

		String header = new String(
				KafkaEventSender.toRecord(event).headers().lastHeader(CloudEventHeaders.TIME).value());

		assertThat(header).isEqualTo("2026-12-02T10:15:30+01:00");
	}

}
