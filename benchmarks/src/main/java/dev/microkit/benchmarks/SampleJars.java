package dev.microkit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The samples' executable jars, as the build leaves them in each module's {@code target}
 * folder. (The demo's {@code ServiceJars} does the same, but the demo's jar is a
 * repackaged Boot jar that cannot be a library of this module.)
 */
final class SampleJars {

	static final String INVENTORY_SERVICE = "sample-inventory-service";

	static final String ORDER_SERVICE = "sample-order-service";

	private final Path home;

	/**
	 * @param home the project's root folder
	 */
	SampleJars(Path home) {
		this.home = home;
	}

	Path inventoryService() {
		return find(INVENTORY_SERVICE);
	}

	Path orderService() {
		return find(ORDER_SERVICE);
	}

	private Path find(String module) {
		Path target = this.home.resolve(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> isJarOf(file, module))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No " + module + " jar in " + target + "; build it with ./mvnw -DskipTests package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isJarOf(Path file, String module) {
		String name = file.getFileName().toString();
		return name.startsWith(module + "-") && name.endsWith(".jar");
	}

}
