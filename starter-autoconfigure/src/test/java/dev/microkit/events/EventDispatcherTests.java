package dev.microkit.events;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventDispatcherTests {

	private final RecordingHandlers handlers = new RecordingHandlers();

	private final EventDispatcher dispatcher = dispatcher();

	@Test
	void handsTheReadPayloadToTheHandler() {
		this.dispatcher.onMessage(record("{\"orderId\":\"o-1\",\"sku\":\"s\",\"quantity\":1,\"sequence\":1}"));
		assertThat(this.handlers.placed).containsExactly(new OrderPlaced("o-1", "s", 1, 1));
	}

	@Test
	void jsonNullDataIsAPoisonPillNotANullPayload() {
		assertThatExceptionOfType(PoisonPillException.class).isThrownBy(() -> this.dispatcher.onMessage(record("null")))
			.withMessageContaining("orders-0@7 has the data null");
		assertThat(this.handlers.placed).isEmpty();
	}

	private EventDispatcher dispatcher() {
		Method placed = ReflectionUtils.findMethod(RecordingHandlers.class, "placed", OrderPlaced.class,
				EventMetadata.class);
		EventHandlerMethod handler = EventHandlerMethod.of(this.handlers, placed, placed.getAnnotation(EventHandler.class));
		return new EventDispatcher("group", "group", Map.of("order.placed", handler), Set.of("order.placed"), true,
				new ObjectMapper(), new MemoryProcessedEventStore(10), EventsProperties.UnknownTypes.SKIP,
				new EventsMetrics(new SimpleMeterRegistry()));
	}

	private static ConsumerRecord<String, byte[]> record(String json) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(CloudEventHeaders.SPEC_VERSION, utf8("1.0"));
		headers.add(CloudEventHeaders.ID, utf8("e-1"));
		headers.add(CloudEventHeaders.TYPE, utf8("order.placed"));
		headers.add(CloudEventHeaders.SOURCE, utf8("test"));
		return new ConsumerRecord<>("orders", 0, 7, 0L, TimestampType.CREATE_TIME, 0, 0, "o-1", utf8(json), headers,
				Optional.empty());
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
