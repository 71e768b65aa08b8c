package dev.microkit.events.listener;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.microkit.events.listener.EventDispatcher;
import dev.microkit.events.listener.EventHandlerMethod;
import dev.microkit.events.listener.EventPayloadReader;
import dev.microkit.events.listener.BeanValidationEventPayloadValidator;
import dev.microkit.events.idempotency.MemoryProcessedEventStore;
import dev.microkit.events.EventHandler;
import dev.microkit.events.EventMetadata;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.PoisonPillException;
import dev.microkit.events.RecordingHandlers;
import dev.microkit.events.OrderPlaced;

class EventDispatcherTests {

	private final RecordingHandlers handlers = new RecordingHandlers();

	private final EventDispatcher dispatcher = dispatcher();

	@Test
	void handsTheReadPayloadToTheHandler() {
		this.dispatcher.dispatch(envelope("{\"orderId\":\"o-1\",\"sku\":\"s\",\"quantity\":1,\"sequence\":1}"));
		assertThat(this.handlers.placed).containsExactly(new OrderPlaced("o-1", "s", 1, 1));
	}

	@Test
	void jsonNullDataIsAPoisonPillNotANullPayload() {
		assertThatExceptionOfType(PoisonPillException.class)
			.isThrownBy(() -> this.dispatcher.dispatch(envelope("null")))
			.withMessageContaining("orders-0@7 has the data null");
		assertThat(this.handlers.placed).isEmpty();
	}

	@Test
	void aPayloadThatBreaksItsTypesConstraintsIsAPoisonPillNamingThem() {
		ValidatedHandler validated = new ValidatedHandler();
		EventDispatcher dispatcher = dispatcher(validated, "placed", Reservation.class);
		assertThatExceptionOfType(PoisonPillException.class)
			.isThrownBy(() -> dispatcher.dispatch(envelope("{\"orderId\":\"\",\"quantity\":0}")))
			.withMessageContaining("orders-0@7 has a 'order.placed' payload that breaks the constraints of")
			.withMessageContaining("orderId must not be blank")
			.withMessageContaining("quantity must be greater than or equal to 1");
		assertThat(validated.received).isEmpty();
	}

	@Test
	void aPayloadThatKeepsItsTypesConstraintsIsHandled() {
		ValidatedHandler validated = new ValidatedHandler();
		dispatcher(validated, "placed", Reservation.class).dispatch(envelope("{\"orderId\":\"o-1\",\"quantity\":2}"));
		assertThat(validated.received).containsExactly(new Reservation("o-1", 2));
	}

	private EventDispatcher dispatcher() {
		return dispatcher(this.handlers, "placed", OrderPlaced.class);
	}

	private static EventDispatcher dispatcher(Object bean, String methodName, Class<?> payloadType) {
		Method method = ReflectionUtils.findMethod(bean.getClass(), methodName, payloadType, EventMetadata.class);
		EventHandlerMethod handler = EventHandlerMethod.of(bean, method, method.getAnnotation(EventHandler.class));
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			EventPayloadReader payloads = new EventPayloadReader(new ObjectMapper(),
					new BeanValidationEventPayloadValidator(validation.getValidator()));
			return new EventDispatcher("group", "group", Map.of("order.placed", handler), Set.of("order.placed"), true,
					payloads, new MemoryProcessedEventStore(10), EventsProperties.UnknownTypes.SKIP,
					new EventsMetrics(new SimpleMeterRegistry()), RequestReplies.NONE);
		}
	}

	private static EventEnvelope envelope(String json) {
		Map<String, String> attributes = Map.of("specversion", "1.0", "id", "e-1", "type", "order.placed", "source",
				"test");
		return new EventEnvelope() {

			@Override
			public String attribute(String name) {
				return attributes.get(name);
			}

			@Override
			public String header(String name) {
				return "ce_" + name;
			}

			@Override
			public byte[] data() {
				return utf8(json);
			}

			@Override
			public String key() {
				return "o-1";
			}

			@Override
			public String topic() {
				return "orders";
			}

			@Override
			public int partition() {
				return 0;
			}

			@Override
			public long offset() {
				return 7;
			}

			@Override
			public String describe() {
				return "Record orders-0@7";
			}

		};
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record Reservation(@NotBlank String orderId, @Min(1) int quantity) {
	}

	static class ValidatedHandler {

		final List<Reservation> received = new ArrayList<>();

		@EventHandler("order.placed")
		void placed(Reservation reservation, EventMetadata metadata) {
			this.received.add(reservation);
		}

	}

}
