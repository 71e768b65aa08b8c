package dev.microkit.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body, read as a stream or through a reader, is limited in size.
 */
final class SizeLimitedRequest extends HttpServletRequestWrapper {

	private final long maxBytes;

	private ServletInputStream body;

	private BufferedReader reader;

	SizeLimitedRequest(HttpServletRequest request, long maxBytes) {
		super(request);
		this.maxBytes = maxBytes;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.body == null) {
			this.body = new SizeLimitedInputStream(super.getInputStream(), this.maxBytes);
		}
		return this.body;
	}

	@Override
	public BufferedReader getReader() throws IOException {
		if (this.reader == null) {
			// the servlet specification's default; InputStreamReader rejects an unknown
			// charset with an IOException, as the container's own reader does
			String encoding = (getCharacterEncoding() != null) ? getCharacterEncoding()
					: StandardCharsets.ISO_8859_1.name();
			this.reader = new BufferedReader(new InputStreamReader(getInputStream(), encoding));
		}
		return this.reader;
	}

}
