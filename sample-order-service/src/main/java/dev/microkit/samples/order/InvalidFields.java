package dev.microkit.samples.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * The {@code errors} member of a 400 problem: each invalid field or parameter by name,
 * with what is wrong with it.
 */
final class InvalidFields {

	private InvalidFields() {
	}

	static List<Map<String, String>> of(MethodArgumentNotValidException ex) {
		return ex.getBindingResult().getFieldErrors().stream().map(InvalidFields::error).toList();
	}

	static List<Map<String, String>> of(HandlerMethodValidationException ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors fields) {
				fields.getFieldErrors().forEach((field) -> errors.add(error(field)));
			}
			else {
				String name = result.getMethodParameter().getParameterName();
				result.getResolvableErrors().forEach((error) -> errors.add(error(name, error.getDefaultMessage())));
			}
		}
		return errors;
	}

	private static Map<String, String> error(FieldError error) {
		return error(error.getField(), error.getDefaultMessage());
	}

	private static Map<String, String> error(String field, String message) {
		return Map.of("field", String.valueOf(field), "message", String.valueOf(message));
	}

}
