package dev.microkit.testsupport.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback — an ephemeral port unless told otherwise — that answers
 * every request with its name, after a chosen delay and with a chosen status; counts what
 * it receives, and can be stopped (refusing connections) and started again on the same
 * port.
 */
public final class LoopbackBackend implements AutoCloseable {

	static {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet the
		// client's delayed ACK: every answer would take 40 ms more.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	/**
	 * Enough for the benchmarks' concurrent callers, so that requests wait for the delay
	 * they were given and not for a worker.
	 */
	private static final int WORKERS = 200;

	private static final int BACKLOG = 1000;

	private final String name;

	private final InetAddress address;

	private final ExecutorService executor = Executors.newFixedThreadPool(WORKERS);

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger posts = new AtomicInteger();

	private volatile HttpExchange lastRequest;

	private volatile int status = 200;

	private volatile Duration delay = Duration.ZERO;

	private volatile Duration bodyDelay = Duration.ZERO;

	private volatile String[] extraHeader;

	private volatile Predicate<String> authorization = (value) -> true;

	private final AtomicInteger unauthorized = new AtomicInteger();

	private volatile Semaphore servers;

	private volatile HttpServer server;

	private int port;

	public LoopbackBackend(String name) {
		this(name, InetAddress.getLoopbackAddress(), 0);
	}

	/**
	 * A backend on a given address and port, such as a second loopback address.
	 */
	public LoopbackBackend(String name, InetAddress address, int port) {
		this.name = name;
		this.address = address;
		start(port);
	}

	private void start(int requestedPort) {
		try {
			HttpServer created = HttpServer.create(new InetSocketAddress(this.address, requestedPort), BACKLOG);
			created.createContext("/", this::handle);
			created.setExecutor(this.executor);
			created.start();
			this.server = created;
			this.port = created.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + this.name, ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.lastRequest = exchange;
		this.requests.incrementAndGet();
		if ("POST".equals(exchange.getRequestMethod())) {
			this.posts.incrementAndGet();
		}
		exchange.getRequestBody().readAllBytes();
		Semaphore limit = this.servers;
		if (limit != null) {
			limit.acquireUninterruptibly();
		}
		try {
			pause(this.delay);
		}
		finally {
			if (limit != null) {
				limit.release();
			}
		}
		if (!this.authorization.test(exchange.getRequestHeaders().getFirst("Authorization"))) {
			this.unauthorized.incrementAndGet();
			exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			exchange.sendResponseHeaders(401, -1);
			exchange.close();
			return;
		}
		byte[] body = this.name.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "text/plain");
		String[] header = this.extraHeader;
		if (header != null) {
			exchange.getResponseHeaders().add(header[0], header[1]);
		}
		exchange.sendResponseHeaders(this.status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			Duration beforeBody = this.bodyDelay;
			if (!beforeBody.isZero()) {
				out.flush();
				pause(beforeBody);
			}
			out.write(body);
		}
	}

	/**
	 * Waits for a while, to the microsecond as far as the scheduler allows, unless the
	 * thread is interrupted.
	 */
	private static void pause(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		long left = duration.toNanos();
		while (left > 0 && !Thread.currentThread().isInterrupted()) {
			LockSupport.parkNanos(left);
			left = deadline - System.nanoTime();
		}
	}

	/**
	 * Serves at most this many requests at a time; the others wait their turn, as behind
	 * a server's small thread pool, so that latency grows with load.
	 */
	public LoopbackBackend servingAtMost(int concurrent) {
		this.servers = new Semaphore(concurrent);
		return this;
	}

	public String name() {
		return this.name;
	}

	public String uri() {
		return "http://" + this.address.getHostAddress() + ":" + this.port;
	}

	public int port() {
		return this.port;
	}

	public LoopbackBackend answering(int status) {
		this.status = status;
		return this;
	}

	/**
	 * Answers 401 to requests whose {@code Authorization} header (or {@code null}) the
	 * check refuses.
	 */
	public LoopbackBackend authorizedBy(Predicate<String> check) {
		this.authorization = check;
		return this;
	}

	/**
	 * Requests answered 401 by {@link #authorizedBy}.
	 */
	public int unauthorized() {
		return this.unauthorized.get();
	}

	public LoopbackBackend withHeader(String name, String value) {
		this.extraHeader = new String[] { name, value };
		return this;
	}

	/**
	 * Takes a while for every request before it answers: a service time.
	 */
	public LoopbackBackend delayedBy(Duration delay) {
		this.delay = delay;
		return this;
	}

	/**
	 * Sends the status and headers at once and the body only after a delay.
	 */
	public LoopbackBackend bodyDelayedBy(Duration delay) {
		this.bodyDelay = delay;
		return this;
	}

	/**
	 * The path and query of the last request, as sent.
	 * @return the raw path and query, or {@code null} before any request
	 */
	public String lastRequestTarget() {
		HttpExchange last = this.lastRequest;
		return (last != null) ? last.getRequestURI().getRawPath() + "?" + last.getRequestURI().getRawQuery() : null;
	}

	/**
	 * A header of the last request.
	 * @param name the header's name
	 * @return its first value, or {@code null}
	 */
	public String lastRequestHeader(String name) {
		HttpExchange last = this.lastRequest;
		return (last != null) ? last.getRequestHeaders().getFirst(name) : null;
	}

	public int requests() {
		return this.requests.get();
	}

	public int posts() {
		return this.posts.get();
	}

	public void resetCounts() {
		this.requests.set(0);
		this.posts.set(0);
		this.unauthorized.set(0);
	}

	/**
	 * Stops listening: connections to the port are refused until {@link #restart()}.
	 */
	public void stop() {
		this.server.stop(0);
	}

	public void restart() {
		start(this.port);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
