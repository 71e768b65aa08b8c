package dev.microkit.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.filter.OrderedFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the size of request bodies. A request whose {@code Content-Length} is over the
 * limit is answered 413 Payload Too Large before anything else runs; a body of unknown
 * length (chunked) fails with {@link RequestBodyTooLargeException} once more than the
 * limit has been read, which {@link RequestBodyTooLargeExceptionResolver} answers with 413
 * too. Both go through the error path, so they look like every other error of the
 * application. Spring Boot has no such limit: Tomcat's {@code max-http-form-post-size}
 * covers form posts only.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter implements OrderedFilter {

	/**
	 * After the character encoding and observation filters, so that a refused request is
	 * still measured and traced, and before any filter that reads the body.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final long maxBytes;

	/**
	 * Creates a filter for the given limit; a negative size means no limit.
	 * @param maxSize the largest body accepted
	 */
	public RequestBodyLimitFilter(DataSize maxSize) {
		this.maxBytes = maxSize.toBytes();
	}

	@Override
	public int getOrder() {
		return DEFAULT_ORDER;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.maxBytes < 0;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
			return;
		}
		chain.doFilter(new SizeLimitedRequest(request, this.maxBytes), response);
	}

}
