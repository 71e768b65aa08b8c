package dev.microkit.security;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem detail (RFC 9457) as the body of a response whose status and headers
 * are set.
 */
final class ProblemWriter {

	private final ObjectMapper objectMapper;

	ProblemWriter(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * The request's path as the problem's instance, or none for a path that is no URI
	 * reference (such as {@code //}, which the firewall refuses).
	 */
	private static URI instance(HttpServletRequest request) {
		try {
			URI path = URI.create(request.getRequestURI());
			return (path.getAuthority() == null) ? path : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(instance(request));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.objectMapper.writeValue(response.getOutputStream(), problem);
	}

}
