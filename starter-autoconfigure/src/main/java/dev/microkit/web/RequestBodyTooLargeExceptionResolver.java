package dev.microkit.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.AbstractHandlerExceptionResolver;

/**
 * Answers a {@link RequestBodyTooLargeException} with 413 Payload Too Large, also when it
 * comes wrapped: Spring MVC turns every failure to read a body into a 400
 * {@code HttpMessageNotReadableException}, so this resolver runs before the others.
 */
public class RequestBodyTooLargeExceptionResolver extends AbstractHandlerExceptionResolver {

	public RequestBodyTooLargeExceptionResolver() {
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	protected ModelAndView doResolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!causedByTooLargeBody(ex)) {
			return null;
		}
		try {
			response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
		}
		catch (IOException clientGone) {
			// the response cannot be written any more: nothing else can answer either
		}
		return new ModelAndView();
	}

	private static boolean causedByTooLargeBody(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

}
