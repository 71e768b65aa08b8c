package dev.microkit.web;

import java.io.IOException;

/**
 * Reading a request body went past {@code microkit.web.max-request-body-size}. It is an
 * {@link IOException}, as any failure to read the body is; Spring MVC answers it, even
 * wrapped in another exception, with 413 Payload Too Large.
 */
public class RequestBodyTooLargeException extends IOException {

	public RequestBodyTooLargeException(long maxBytes) {
		super("Request body is larger than " + maxBytes + " bytes");
	}

}
