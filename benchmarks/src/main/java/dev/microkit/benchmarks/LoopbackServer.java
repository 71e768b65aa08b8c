package dev.microkit.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A backend on loopback that answers every request after a fixed service time. Its
 * {@link #main(String[]) main} runs one as a process of its own, for a benchmark that
 * kills it ({@link BackendProcess}).
 */
final class LoopbackServer implements AutoCloseable {

	static {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet the
		// client's delayed ACK: every answer would take 40 ms more.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final String name;

	private final long serviceTimeNanos;

	private final ExecutorService workers = Executors.newFixedThreadPool(200);

	private final AtomicLong requests = new AtomicLong();

	private final HttpServer server;

	LoopbackServer(String name, long serviceTimeMicros) {
		this.name = name;
		this.serviceTimeNanos = serviceTimeMicros * 1000;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.workers);
		this.server.start();
	}

	/**
	 * Serves until standard input ends, which it does when the parent process exits, so
	 * that a backend cannot outlive the benchmark that started it.
	 * @param args the name the backend answers with and its service time in microseconds
	 * @throws IOException if standard input cannot be read
	 */
	public static void main(String[] args) throws IOException {
		try (LoopbackServer server = new LoopbackServer(args[0], Long.parseLong(args[1]))) {
			System.out.println(server.uri());
			System.out.flush();
			System.in.transferTo(OutputStream.nullOutputStream());
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		exchange.getRequestBody().readAllBytes();
		if (this.serviceTimeNanos > 0) {
			LockSupport.parkNanos(this.serviceTimeNanos);
		}
		byte[] body = this.name.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "text/plain");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	long requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.workers.shutdownNow();
	}

}
