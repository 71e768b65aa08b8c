package dev.microkit.security;

import java.io.IOException;
import java.util.Collection;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a request whose token lacks what the operation needs with 403, the
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} header of Spring Security's
 * {@link BearerTokenAccessDeniedHandler}, and a problem detail naming the scopes that
 * would have been enough.
 */
public class ProblemDetailsAccessDeniedHandler implements AccessDeniedHandler {

	private static final String SCOPE_PREFIX = "SCOPE_";

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	private final ProblemWriter problems;

	public ProblemDetailsAccessDeniedHandler(ObjectMapper objectMapper) {
		this.problems = new ProblemWriter(objectMapper);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		this.bearer.handle(request, response, denied);
		this.problems.write(request, response, HttpStatus.FORBIDDEN, detail(denied));
	}

	private static String detail(AccessDeniedException denied) {
		if (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision
				&& !decision.getAuthorities().isEmpty()) {
			return "This operation needs " + needed(decision.getAuthorities());
		}
		return "The token does not allow this operation";
	}

	private static String needed(Collection<GrantedAuthority> authorities) {
		boolean scopes = authorities.stream()
			.allMatch((authority) -> authority.getAuthority().startsWith(SCOPE_PREFIX));
		String names = authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.map((authority) -> scopes ? authority.substring(SCOPE_PREFIX.length()) : authority)
			.collect(Collectors.joining(" or "));
		return (scopes ? "the scope " : "the authority ") + names;
	}

}
