package dev.microkit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A sample service run as its own JVM from its executable jar, with its output in a log
 * file: how long it took to be ready, and how much memory it then held.
 */
final class SampleProcess implements AutoCloseable {

	/**
	 * The heap limit the demo's end-to-end tests give each sample; resident memory
	 * depends on it.
	 */
	static final String MAX_HEAP = "-Xmx384m";

	/**
	 * Small against a start of seconds, so that polling adds little to the time measured.
	 */
	static final Duration READINESS_POLL = Duration.ofMillis(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String name;

	private final URI uri;

	private final Path log;

	private final Process process;

	private final long startNanos;

	private SampleProcess(String name, URI uri, Path log, Process process, long startNanos) {
		this.name = name;
		this.uri = uri;
		this.log = log;
		this.process = process;
		this.startNanos = startNanos;
	}

	/**
	 * Starts {@code java -Xmx384m -jar jar --server.port=port args} with the JDK that
	 * runs this code.
	 */
	static SampleProcess start(String name, Path jar, int port, List<String> args, Path logs) {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), MAX_HEAP, "-jar",
				jar.toAbsolutePath().toString(), "--server.port=" + port));
		command.addAll(args);
		Path log = logs.resolve(name + ".log");
		try {
			Files.createDirectories(logs);
			long startNanos = System.nanoTime();
			Process process = new ProcessBuilder(command).directory(logs.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new SampleProcess(name, URI.create("http://localhost:" + port), log, process, startNanos);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + ex.getMessage(), ex);
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	URI uri() {
		return this.uri;
	}

	/**
	 * Waits until {@code /actuator/health/readiness} answers UP.
	 * @return the time from the process's start to that answer
	 */
	Duration awaitReady(Duration timeout) {
		URI readiness = this.uri.resolve("/actuator/health/readiness");
		while (!answersUp(readiness)) {
			if (!this.process.isAlive()) {
				throw failure(" exited with code " + this.process.exitValue() + " before it was ready");
			}
			if (System.nanoTime() - this.startNanos > timeout.toNanos()) {
				throw failure(" was not ready after " + timeout.toSeconds() + " s");
			}
			sleep(READINESS_POLL);
		}
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	private static boolean answersUp(URI readiness) {
		try {
			HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + readiness, ex);
		}
	}

	/**
	 * The process's resident memory in KiB ({@code VmRSS} of {@code /proc/<pid>/status}),
	 * empty where there is no such file.
	 */
	OptionalLong residentKibibytes() {
		Path status = Path.of("/proc", String.valueOf(this.process.pid()), "status");
		try {
			return Files.readAllLines(status)
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("\\D", "")))
				.findFirst();
		}
		catch (IOException ex) {
			return OptionalLong.empty();
		}
	}

	private IllegalStateException failure(String what) {
		return new IllegalStateException(this.name + what + "; last lines of " + this.log + ":\n" + tail(25));
	}

	private String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Asks the service to shut down gracefully, and kills it if it does not in time.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a sample service", ex);
		}
	}

}
