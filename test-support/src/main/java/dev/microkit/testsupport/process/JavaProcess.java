package dev.microkit.testsupport.process;

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
import java.util.function.BooleanSupplier;

/**
 * A program in a JVM of its own — a service from its executable jar, a broker — with its
 * output appended to a log file: started, awaited until it is ready, stopped gracefully
 * or killed as a crash would.
 */
public final class JavaProcess implements AutoCloseable {

	private static final Duration LOG_POLL_INTERVAL = Duration.ofMillis(250);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String name;

	private final Path log;

	private final Process process;

	private final long startNanos;

	private JavaProcess(String name, Path log, Process process, long startNanos) {
		this.name = name;
		this.log = log;
		this.process = process;
		this.startNanos = startNanos;
	}

	/**
	 * Starts a command, such as {@link #jarCommand} or {@link #classCommand} gives.
	 * @param name what messages call the process
	 * @param workingDirectory where the process keeps its relative data folders
	 * @param log the file its output is appended to
	 * @return the started process
	 */
	public static JavaProcess start(String name, List<String> command, Path workingDirectory, Path log) {
		try {
			Files.createDirectories(log.getParent());
			long startNanos = System.nanoTime();
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new JavaProcess(name, log, process, startNanos);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The command line of {@code java jvmOptions -jar jar args} with the JDK that runs
	 * this code.
	 */
	public static List<String> jarCommand(Path jar, List<String> jvmOptions, List<String> args) {
		return command(jvmOptions, List.of("-jar", jar.toAbsolutePath().toString()), args);
	}

	/**
	 * The command line of
	 * {@code java jvmOptions -cp <this JVM's class path> mainClass args} with the JDK
	 * that runs this code.
	 */
	public static List<String> classCommand(String mainClass, List<String> jvmOptions, List<String> args) {
		return command(jvmOptions, List.of("-cp", System.getProperty("java.class.path"), mainClass), args);
	}

	private static List<String> command(List<String> jvmOptions, List<String> program, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions);
		command.addAll(program);
		command.addAll(args);
		return command;
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
	 * Waits until a readiness endpoint of the process answers 200.
	 * @param timeout how long to wait from now
	 * @param pollInterval how long between two requests
	 * @return the time from the process's start to that answer
	 * @throws ProcessNotReadyException when it exits or is not ready in time
	 */
	public Duration awaitReady(URI readiness, Duration timeout, Duration pollInterval) {
		await(() -> answersOk(readiness), timeout, pollInterval, "ready at " + readiness);
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	/**
	 * Waits until the process writes a line containing {@code text} to its log.
	 * @throws ProcessNotReadyException when it exits or does not write it in time
	 */
	public void awaitLogLine(String text, Duration timeout) {
		await(() -> readLog().contains(text), timeout, LOG_POLL_INTERVAL, "ready");
	}

	private void await(BooleanSupplier ready, Duration timeout, Duration pollInterval, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!ready.getAsBoolean()) {
			if (!this.process.isAlive()) {
				throw failure(this.name + " exited with code " + this.process.exitValue() + " before it was " + what);
			}
			if (System.nanoTime() > deadline) {
				throw failure(this.name + " was not " + what + " after " + timeout.toSeconds() + " s");
			}
			sleep(pollInterval);
		}
	}

	private ProcessNotReadyException failure(String message) {
		return new ProcessNotReadyException(message + "\nLast lines of " + this.log + ":\n" + tail(25));
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
			throw new IllegalStateException("Interrupted while waiting for " + uri, ex);
		}
	}

	/**
	 * The last lines of the process's log.
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
	 * The process's resident memory in KiB ({@code VmRSS} of {@code /proc/<pid>/status}),
	 * empty where there is no such file.
	 */
	public OptionalLong residentKibibytes() {
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

	/**
	 * Asks the process to shut down gracefully (SIGTERM), and kills it if it does not in
	 * time.
	 */
	public void stop() {
		this.process.destroy();
		awaitExit();
	}

	/**
	 * Kills the process at once (SIGKILL), as a crash would.
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

	/**
	 * Stops the process gracefully if it still runs.
	 */
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
			throw new IllegalStateException("Interrupted while waiting for " + duration, ex);
		}
	}

}
