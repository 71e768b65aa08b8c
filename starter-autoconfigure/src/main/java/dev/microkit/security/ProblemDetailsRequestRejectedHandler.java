package dev.microkit.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request Spring Security's firewall refuses (an unknown method, an encoded
 * slash or dot in the path, a control character in a header) with 400 and a problem
 * detail. Spring's own handler sends a bare 400, and the error page it asks for goes
 * through the same firewall, so the answer would have no body.
 */
public class ProblemDetailsRequestRejectedHandler implements RequestRejectedHandler {

	private final ProblemWriter problems;

	public ProblemDetailsRequestRejectedHandler(ObjectMapper objectMapper) {
		this.problems = new ProblemWriter(objectMapper);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST,
				"The request was refused: its method, path or headers are not accepted");
	}

}
