package dev.microkit.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the error path with an RFC 9457 problem detail in place of Spring Boot's
 * {@code timestamp/status/error/path} body. Errors come here that Spring MVC's exception
 * handling never sees: those the servlet container sends itself (such as a broken chunked
 * body), {@code sendError} from a filter, and exceptions that escape a filter. The
 * problem names the status and the request's path only; exception messages stay in the
 * log.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemDetailsErrorController implements ErrorController {

	@RequestMapping
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(status instanceof Integer code)) {
			// requested directly, not forwarded with an error: the path is no resource
			return problem(HttpStatus.NOT_FOUND, null);
		}
		return problem(HttpStatusCode.valueOf(code), failedPath(request));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, URI instance) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setInstance(instance);
		return ResponseEntity.status(status).body(problem);
	}

	private static URI failedPath(HttpServletRequest request) {
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		try {
			return (path != null) ? URI.create(path.toString()) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
