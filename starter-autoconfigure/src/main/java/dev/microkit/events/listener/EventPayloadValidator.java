package dev.microkit.events.listener;

/**
 * Checks a handler's payload against the constraints its type declares.
 */
@FunctionalInterface
public interface EventPayloadValidator {

	/**
	 * What applications without Bean Validation get: every payload passes.
	 */
	EventPayloadValidator NONE = (payload) -> null;

	/**
	 * Validates a payload.
	 * @param payload the payload read from an event
	 * @return the violations, one clause each, or {@code null} when there are none
	 */
	String violations(Object payload);

}
