package dev.microkit.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body that fails with {@link RequestBodyTooLargeException} as soon as more
 * than the limit has been read from it.
 */
final class SizeLimitedInputStream extends ServletInputStream {

	private final ServletInputStream body;

	private final long maxBytes;

	private long bytesRead;

	SizeLimitedInputStream(ServletInputStream body, long maxBytes) {
		this.body = body;
		this.maxBytes = maxBytes;
	}

	@Override
	public int read() throws IOException {
		int b = this.body.read();
		if (b != -1) {
			count(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = this.body.read(buffer, offset, length);
		if (n > 0) {
			count(n);
		}
		return n;
	}

	private void count(int n) throws RequestBodyTooLargeException {
		this.bytesRead += n;
		if (this.bytesRead > this.maxBytes) {
			throw new RequestBodyTooLargeException(this.maxBytes);
		}
	}

	@Override
	public int available() throws IOException {
		return this.body.available();
	}

	@Override
	public boolean isFinished() {
		return this.body.isFinished();
	}

	@Override
	public boolean isReady() {
		return this.body.isReady();
	}

	@Override
	public void setReadListener(ReadListener listener) {
		this.body.setReadListener(listener);
	}

	@Override
	public void close() throws IOException {
		this.body.close();
	}

}
