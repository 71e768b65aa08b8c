package dev.microkit.demo;

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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service of the demo, run as its own JVM with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path log;

	private final Process process;

	private ServiceProcess(String name, Path log, Process process) {
		this.name = name;
		this.log = log;
		this.process = process;
	}

	/**
	 * Starts {@code java -jar jar args} with the JDK that runs this code.
	 * @param workingDirectory where the service keeps its relative data folders
	 */
	public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> args,
			Path workingDirectory, Path log) {
		List<String> command = command(jar, jvmOptions, args);
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new ServiceProcess(name, log, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The command line of {@code java -jar jar args} with the JDK that runs this code.
	 */
	public static List<String> command(Path jar, List<String> jvmOptions, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		command.addAll(args);
		return command;
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	public String name() {
		return this.name;
	}

	public Path log() {
		return this.log;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits until the service's readiness endpoint answers 200.
	 * @throws ServiceFailedException when it exits or is not ready in time
	 */
	public void awaitReady(URI readiness, Duration timeout) {
		await(() -> answersOk(readiness), timeout, "ready at " + readiness);
	}

	/**
	 * Waits until the service writes a line containing {@code text} to its log.
	 * @throws ServiceFailedException when it exits or does not write it in time
	 */
	public void awaitLogLine(String text, Duration timeout) {
		await(() -> readLog().contains(text), timeout, "ready");
	}

	private void await(BooleanSupplier ready, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!ready.getAsBoolean()) {
			if (!this.process.isAlive()) {
				throw failure(this.name + " exited with code " + this.process.exitValue() + " before it was " + what);
			}
			if (System.nanoTime() > deadline) {
				throw failure(this.name + " was not " + what + " after " + timeout.toSeconds() + " s");
			}
			sleep(POLL_INTERVAL);
		}
	}

	private ServiceFailedException failure(String message) {
		return new ServiceFailedException(message + "\nLast lines of " + this.log + ":\n" + tail(25));
	}

	private static boolean answersOk(URI uri) {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a service", ex);
		}
	}

	/**
	 * The last lines of the service's log.
	 */
	public String tail(int lines) {
		List<String> all = readLog().lines().toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	private String readLog() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Asks the service to shut down gracefully, and kills it if it does not in time.
	 */
	public void stop() {
		this.process.destroy();
		awaitExit();
	}

	/**
	 * Kills the service at once, as a crash would.
	 */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit();
	}

	private void awaitExit() {
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

	@Override
	public void close() {
		if (this.process.isAlive()) {
			stop();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a service", ex);
		}
	}

}
