package dev.microkit.benchmarks.calls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.microkit.testsupport.http.LoopbackBackend;

/**
 * A {@link LoopbackBackend} in a JVM of its own, which runs {@link #main(String[])}, so
 * that it can be killed as a crashed backend is: {@link #kill()} sends it SIGKILL.
 * Stopping a server inside the benchmark's JVM would not be the same thing — the JDK
 * server closes its connections one by one from user space and lets requests in progress
 * finish — while after a kill the kernel resets every connection at once, in-flight
 * requests included, and refuses new ones. A backend JVM costs a fraction of a second to
 * start, next to the seconds a Spring context takes.
 */
final class BackendProcess implements AutoCloseable {

	private final Process process;

	private URI uri;

	private BackendProcess(Process process) {
		this.process = process;
	}

	/**
	 * Starts a backend without waiting for it, so that several start at once;
	 * {@link #uri()} waits.
	 * @param name the name it answers with
	 * @param serviceTimeMicros the time it takes for every request
	 * @return the backend
	 */
	static BackendProcess start(String name, long serviceTimeMicros) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), BackendProcess.class.getName(), name,
				String.valueOf(serviceTimeMicros));
		try {
			return new BackendProcess(
					new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Serves until standard input ends, which it does when the parent process exits, so
	 * that a backend cannot outlive the benchmark that started it.
	 * @param args the name the backend answers with and its service time in microseconds
	 * @throws IOException if standard input cannot be read
	 */
	public static void main(String[] args) throws IOException {
		Duration serviceTime = Duration.of(Long.parseLong(args[1]), ChronoUnit.MICROS);
		try (LoopbackBackend backend = new LoopbackBackend(args[0]).delayedBy(serviceTime)) {
			System.out.println(backend.uri());
			System.out.flush();
			System.in.transferTo(OutputStream.nullOutputStream());
		}
	}

	String uri() {
		return address().toString();
	}

	int port() {
		return address().getPort();
	}

	/**
	 * The backend's address, once it listens.
	 */
	private synchronized URI address() {
		if (this.uri == null) {
			this.uri = URI.create(firstLine());
		}
		return this.uri;
	}

	private String firstLine() {
		BufferedReader out = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		try {
			String line = out.readLine();
			if (line == null) {
				throw new IllegalStateException("Backend process ended before it listened: " + this.process);
			}
			return line;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Kills the backend with SIGKILL and waits until it is gone.
	 * @return when the signal was sent, in {@link System#nanoTime()}
	 */
	long kill() {
		long killedAt = System.nanoTime();
		this.process.destroyForcibly();
		this.process.onExit().join();
		return killedAt;
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
		this.process.onExit().join();
	}

}
