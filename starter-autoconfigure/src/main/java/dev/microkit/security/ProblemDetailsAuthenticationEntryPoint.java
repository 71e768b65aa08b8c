package dev.microkit.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without a valid bearer token with 401, the {@code WWW-Authenticate}
 * header Spring Security's {@link BearerTokenAuthenticationEntryPoint} sets, and a
 * problem detail saying what was wrong.
 */
public class ProblemDetailsAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final ProblemWriter problems;

	public ProblemDetailsAuthenticationEntryPoint(ObjectMapper objectMapper) {
		this.problems = new ProblemWriter(objectMapper);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.bearer.commence(request, response, authException);
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, detail(authException));
	}

	private static String detail(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException oauth2) {
			String description = oauth2.getError().getDescription();
			return "The bearer token was not accepted"
					+ ((description != null) ? ": " + description : " (" + oauth2.getError().getErrorCode() + ")");
		}
		return "This operation needs a bearer token (Authorization: Bearer <access token>)";
	}

}
