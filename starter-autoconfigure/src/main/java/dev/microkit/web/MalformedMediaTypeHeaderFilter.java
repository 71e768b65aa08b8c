package dev.microkit.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.filter.OrderedFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides media type headers that Spring MVC cannot take from the application, so that the
 * request is answered as if the client had not sent them: an {@code Accept} header that
 * is no list of media types (RFC 9110 lets a server disregard it; Spring MVC would drop
 * the body of every error answer instead), and a {@code Content-Type} with a wildcard
 * such as {@code *}{@code /*} (Spring MVC fails on it with a 500, spring-framework#27957;
 * without it an endpoint that takes a body answers 415).
 */
public class MalformedMediaTypeHeaderFilter extends OncePerRequestFilter implements OrderedFilter {

	/**
	 * Right after the {@link RequestBodyLimitFilter}.
	 */
	public static final int DEFAULT_ORDER = RequestBodyLimitFilter.DEFAULT_ORDER + 1;

	@Override
	public int getOrder() {
		return DEFAULT_ORDER;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Set<String> hidden = new HashSet<>();
		if (isWildcard(request.getContentType())) {
			hidden.add(HttpHeaders.CONTENT_TYPE.toLowerCase(Locale.ROOT));
		}
		if (!isMediaTypeList(request.getHeaders(HttpHeaders.ACCEPT))) {
			hidden.add(HttpHeaders.ACCEPT.toLowerCase(Locale.ROOT));
		}
		chain.doFilter(hidden.isEmpty() ? request : new HeadersHidingRequest(request, hidden), response);
	}

	private static boolean isWildcard(String contentType) {
		try {
			return contentType != null && !MediaType.parseMediaType(contentType).isConcrete();
		}
		catch (InvalidMediaTypeException ex) {
			// Spring MVC answers an unreadable Content-Type with 415 itself
			return false;
		}
	}

	private static boolean isMediaTypeList(Enumeration<String> accept) {
		try {
			Collections.list(accept).forEach(MediaType::parseMediaTypes);
			return true;
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static final class HeadersHidingRequest extends HttpServletRequestWrapper {

		private final Set<String> hidden;

		HeadersHidingRequest(HttpServletRequest request, Set<String> hidden) {
			super(request);
			this.hidden = hidden;
		}

		private boolean isHidden(String name) {
			return this.hidden.contains(name.toLowerCase(Locale.ROOT));
		}

		@Override
		public String getHeader(String name) {
			return isHidden(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isHidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter((name) -> !isHidden(name)).toList());
		}

		@Override
		public String getContentType() {
			return isHidden(HttpHeaders.CONTENT_TYPE) ? null : super.getContentType();
		}

	}

}
