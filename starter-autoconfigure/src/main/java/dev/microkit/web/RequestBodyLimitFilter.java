package dev.microkit.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.filter.OrderedFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the size of request bodies. A request whose {@code Content-Length} is over the
 * limit is answered 413 Payload Too Large before anything else runs; a body of unknown
 * length (chunked) fails with {@link RequestBodyTooLargeException} once more than the
 * limit has been read, which {@link RequestBodyTooLargeExceptionResolver} answers with
 * 413 too. Both go through the error path, so they look like every other error of the
 * application. Spring Boot has no such limit: Tomcat's {@code max-http-form-post-size}
 * covers form posts only.
 * <p>
 * Multipart requests ({@code multipart/form-data}, {@code multipart/mixed}) are left to
 * the servlet container when it parses them with Spring Boot's multipart configuration:
 * {@code spring.servlet.multipart.max-file-size} and {@code max-request-size} are the
 * limits made for uploads, and a single limit for every body would refuse files that
 * those settings allow.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter implements OrderedFilter {

	/**
	 * After the character encoding and observation filters, so that a refused request is
	 * still measured and traced, and before any filter that reads the body.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final List<MediaType> MULTIPART = List.of(MediaType.MULTIPART_FORM_DATA, MediaType.MULTIPART_MIXED);

	private final long maxBytes;

	private final boolean multipartLimitedByContainer;

	/**
	 * Creates a filter for the given limit; a negative size means no limit.
	 * @param maxSize the largest body accepted
	 * @param multipartLimitedByContainer whether the servlet container limits multipart
	 * requests itself, so that they are left to it
	 */
	public RequestBodyLimitFilter(DataSize maxSize, boolean multipartLimitedByContainer) {
		this.maxBytes = maxSize.toBytes();
		this.multipartLimitedByContainer = multipartLimitedByContainer;
	}

	@Override
	public int getOrder() {
		return DEFAULT_ORDER;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.maxBytes < 0 || (this.multipartLimitedByContainer && isMultipart(request.getContentType()));
	}

	private static boolean isMultipart(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			// equal types only: a wildcard such as */* must not slip past the limit
			MediaType type = MediaType.parseMediaType(contentType);
			return MULTIPART.stream().anyMatch((multipart) -> multipart.equalsTypeAndSubtype(type));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
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
