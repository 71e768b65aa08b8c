package dev.microkit.events.listener;

import java.io.IOException;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an event's payload as its handler's parameter type and checks it, so that a
 * delivery that cannot be handled is a poison pill before any handler sees it: data that
 * is not JSON of that type, the JSON literal {@code null}, or a payload that breaks the
 * type's Bean Validation constraints.
 */
public class EventPayloadReader {

	private final ObjectMapper objectMapper;

	private final EventPayloadValidator validator;

	public EventPayloadReader(ObjectMapper objectMapper, EventPayloadValidator validator) {
		this.objectMapper = objectMapper;
		this.validator = validator;
	}

	Object read(IncomingEvent event, EventHandlerMethod handler) {
		JavaType type = this.objectMapper.constructType(handler.payloadType());
		Object payload;
		try {
			payload = this.objectMapper.readValue(event.data(), type);
		}
		catch (IOException ex) {
			throw event.poison("is not a '" + event.metadata().type() + "' event readable as " + type.toCanonical(),
					ex);
		}
		// the JSON literal null reads as no payload, which no publisher sends
		if (payload == null) {
			throw event.poison("has the data null, not a '" + event.metadata().type() + "' event", null);
		}
		String violations = this.validator.violations(payload);
		if (violations != null) {
			throw event.poison("has a '" + event.metadata().type() + "' payload that breaks the constraints of "
					+ type.toCanonical() + ": " + violations, null);
		}
		return payload;
	}

}
