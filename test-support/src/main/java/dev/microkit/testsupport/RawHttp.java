package dev.microkit.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends: malformed request
 * lines and headers, broken chunked bodies, bodies larger than the server takes.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends the head and the body parts as they are and reads one response. A server that
	 * answers before the whole body is sent may close the connection meanwhile; its
	 * answer is read all the same.
	 */
	public Response exchange(String head, byte[]... body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head.getBytes(StandardCharsets.ISO_8859_1));
				for (byte[] part : body) {
					out.write(part);
					out.flush();
				}
			}
			catch (IOException answeredEarly) {
				// the server stopped reading: what it answered is still to be read
			}
			return read(new BufferedInputStream(socket.getInputStream()));
		}
	}

	private static Response read(InputStream in) throws IOException {
		String statusLine = line(in);
		if (!statusLine.startsWith("HTTP/1.1 ")) {
			throw new IllegalStateException("Not an HTTP response: " + statusLine);
		}
		String contentType = null;
		long length = -1;
		boolean chunked = false;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(header.indexOf(':') + 1).trim();
			switch (name) {
				case "content-type" -> contentType = value;
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				default -> {
				}
			}
		}
		byte[] body = chunked ? dechunk(in) : (length >= 0) ? in.readNBytes((int) length) : in.readAllBytes();
		return new Response(Integer.parseInt(statusLine.substring(9, 12)), contentType,
				new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
			body.write(in.readNBytes(size));
			line(in);
		}
		line(in);
		return body.toByteArray();
	}

	private static int chunkSize(InputStream in) throws IOException {
		return Integer.parseInt(line(in).trim(), 16);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new IOException("Connection closed within a line: " + line);
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	public record Response(int status, String contentType, String body) {

	}

}
