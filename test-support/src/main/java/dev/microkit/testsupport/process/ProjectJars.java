package dev.microkit.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The executable jars the build leaves in the {@code target} folders of this project's
 * modules: the samples' Boot jars and local-kafka's launcher.
 */
public final class ProjectJars {

	public static final String INVENTORY_SERVICE = "sample-inventory-service";

	public static final String ORDER_SERVICE = "sample-order-service";

	public static final String AUTHORIZATION_SERVER = "sample-authorization-server";

	private static final String LOCAL_KAFKA = "local-kafka";

	private final Path home;

	/**
	 * @param home the project's root folder
	 */
	public ProjectJars(Path home) {
		this.home = home;
	}

	public Path localKafka() {
		return find(LOCAL_KAFKA, "-exec.jar");
	}

	public Path inventoryService() {
		return find(INVENTORY_SERVICE, ".jar");
	}

	public Path orderService() {
		return find(ORDER_SERVICE, ".jar");
	}

	public Path authorizationServer() {
		return find(AUTHORIZATION_SERVER, ".jar");
	}

	private Path find(String module, String suffix) {
		Path target = this.home.resolve(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> isJarOf(file, module, suffix))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No " + module + " jar in " + target + "; build it with ./mvnw -DskipTests package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isJarOf(Path file, String module, String suffix) {
		String name = file.getFileName().toString();
		return name.startsWith(module + "-") && name.endsWith(suffix);
	}

}
