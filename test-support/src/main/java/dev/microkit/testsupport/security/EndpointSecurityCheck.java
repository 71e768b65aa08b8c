package dev.microkit.testsupport.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sends a request to every operation the application's controllers map — read from its
 * handler mappings, so that an operation added later is checked too — on its running
 * server: without a token it must answer 401, with a token without scopes 403, both as
 * problem details with a bearer challenge; and of the API's scopes exactly one must let
 * it through, each other one answering 403.
 */
public final class EndpointSecurityCheck {

	private static final Set<RequestMethod> WITH_BODY = Set.of(RequestMethod.POST, RequestMethod.PUT,
			RequestMethod.PATCH);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String base;

	private final TestJwtIssuer issuer;

	private final List<String> scopes;

	private final List<String> failures = new ArrayList<>();

	private final List<String> checked = new ArrayList<>();

	/**
	 * @param port the server's port
	 * @param issuer the issuer whose tokens the server accepts
	 * @param scopes every scope of the API
	 */
	public EndpointSecurityCheck(int port, TestJwtIssuer issuer, List<String> scopes) {
		this.base = "http://127.0.0.1:" + port;
		this.issuer = issuer;
		this.scopes = scopes;
	}

	/**
	 * Checks every operation of the mappings whose path starts with one of the prefixes.
	 * @param mappings the application's controller mappings
	 * @param prefixes the paths of the API, such as {@code /api/}
	 * @return this check, for {@link #failures()} and {@link #checked()}
	 */
	public EndpointSecurityCheck checkAll(RequestMappingHandlerMapping mappings, String... prefixes) {
		for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
			for (String pattern : mapping.getPatternValues()) {
				if (List.of(prefixes).stream().anyMatch(pattern::startsWith)) {
					Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
					for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
						check(method, pattern.replaceAll("\\{[^}]*}", "x1"));
					}
				}
			}
		}
		return this;
	}

	private void check(RequestMethod method, String path) {
		String operation = method + " " + path;
		this.checked.add(operation);
		HttpResponse<String> anonymous = send(method, path, null);
		expectRefusal(operation + " without a token", anonymous, 401);
		expectRefusal(operation + " with a token without scopes", send(method, path, this.issuer.authorization()), 403);
		List<String> opening = new ArrayList<>();
		for (String scope : this.scopes) {
			HttpResponse<String> answer = send(method, path, this.issuer.authorization(scope));
			if (answer.statusCode() == 403) {
				expectRefusal(operation + " with only " + scope, answer, 403);
			}
			else if (answer.statusCode() == 401) {
				this.failures.add(operation + " with only " + scope + ": 401 for a valid token");
			}
			else {
				opening.add(scope);
			}
		}
		if (opening.size() != 1) {
			this.failures.add(operation + ": exactly one scope should open it, these do: " + opening);
		}
	}

	private void expectRefusal(String request, HttpResponse<String> answer, int status) {
		String contentType = answer.headers().firstValue("Content-Type").orElse("");
		String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
		if (answer.statusCode() != status || !contentType.startsWith("application/problem+json")
				|| !answer.body().contains("\"status\":" + status) || !challenge.startsWith("Bearer")) {
			this.failures.add(request + ": expected " + status + " as a problem detail with a Bearer challenge, got "
					+ answer.statusCode() + " " + contentType + " [" + challenge + "] " + answer.body());
		}
	}

	private HttpResponse<String> send(RequestMethod method, String path, String authorization) {
		boolean withBody = WITH_BODY.contains(method);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(20))
			.method(method.name(), withBody ? BodyPublishers.ofString("{}") : BodyPublishers.noBody());
		if (withBody) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.http.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + ": no answer: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What was wrong, one line per request.
	 */
	public List<String> failures() {
		return this.failures;
	}

	/**
	 * The operations checked, as {@code METHOD path}.
	 */
	public List<String> checked() {
		return this.checked;
	}

}
