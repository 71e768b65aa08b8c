package dev.microkit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the executable jars the build leaves in each module's {@code target} folder.
 */
public final class ServiceJars {

	private final Path home;

	/**
	 * @param home the project's root folder
	 */
	public ServiceJars(Path home) {
		this.home = home;
	}

	public Path localKafka() {
		return find("local-kafka", "local-kafka", "-exec.jar");
	}

	public Path inventoryService() {
		return find("sample-inventory-service", "sample-inventory-service", ".jar");
	}

	public Path orderService() {
		return find("sample-order-service", "sample-order-service", ".jar");
	}

	private Path find(String module, String artifactId, String suffix) {
		Path target = this.home.resolve(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> isJarOf(file, artifactId, suffix))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No " + artifactId + " jar in " + target + "; build it with ./mvnw -DskipTests package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isJarOf(Path file, String artifactId, String suffix) {
		String name = file.getFileName().toString();
		return name.startsWith(artifactId + "-") && name.endsWith(suffix);
	}

}
