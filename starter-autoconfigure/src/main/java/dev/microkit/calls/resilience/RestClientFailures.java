package dev.microkit.calls.resilience;

import dev.microkit.calls.FailureClassifier;

import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The failures of Spring's {@code RestClient}, under HTTP interface clients: an answer
 * with an error status, or an I/O failure wrapped in a {@code ResourceAccessException}.
 */
final class RestClientFailures {

	private RestClientFailures() {
	}

	static boolean isRestClient(Throwable failure) {
		return failure instanceof RestClientException;
	}

	static int status(Throwable failure) {
		return (failure instanceof RestClientResponseException answer) ? answer.getStatusCode().value() : -1;
	}

	private static boolean isDecodingFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof HttpMessageConversionException) {
				return true;
			}
		}
		return false;
	}

	static boolean isTransient(Throwable failure) {
		if (failure instanceof RestClientResponseException answer) {
			return CallFailures.isTransientStatus(answer.getStatusCode().value());
		}
		// an I/O failure while sending (ResourceAccessException) or while the body of an
		// answer is read (RestClientException with the I/O failure as its cause); an
		// answer that could not be decoded is not one
		return !isDecodingFailure(failure) && FailureClassifier.ofException(failure) != null;
	}

}
