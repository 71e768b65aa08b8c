package dev.microkit.events.listener;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Validates payloads whose type carries Bean Validation constraints, as Spring MVC
 * validates a {@code @Valid} request body; payloads of unconstrained types pass unread.
 */
public class BeanValidationEventPayloadValidator implements EventPayloadValidator {

	private final Validator validator;

	public BeanValidationEventPayloadValidator(Validator validator) {
		this.validator = validator;
	}

	@Override
	public String violations(Object payload) {
		if (!this.validator.getConstraintsForClass(payload.getClass()).isBeanConstrained()) {
			return null;
		}
		Set<ConstraintViolation<Object>> violations = this.validator.validate(payload);
		if (violations.isEmpty()) {
			return null;
		}
		return violations.stream()
			.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
			.sorted(Comparator.naturalOrder())
			.collect(Collectors.joining("; "));
	}

}
