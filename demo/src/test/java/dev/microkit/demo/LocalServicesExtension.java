package dev.microkit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the demo's own system ({@link LocalServices}, on free ports) for the
 * whole run: the first class that asks for it starts it, the end of the run stops it.
 * Starting four JVMs takes a minute or more on a small machine, so the classes share one
 * start; each leaves the system as the next expects it (see the class order in
 * {@code junit-platform.properties}).
 */
class LocalServicesExtension implements ParameterResolver {

	/**
	 * The project's root folder.
	 */
	static final Path HOME = Path.of(System.getProperty("microkit.home", ".."));

	/**
	 * How long the order service's tokens live in the tests' system: it renews its token
	 * several times a run, and a test waits for one to expire with the issuer down.
	 */
	static final Duration ORDER_SERVICE_TOKEN_LIFETIME = Duration.ofSeconds(20);

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(LocalServicesExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == LocalServices.class;
	}

	@Override
	public LocalServices resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.getOrComputeIfAbsent(LocalServices.class, (key) -> new Running(start()), Running.class)
			.system();
	}

	private static LocalServices start() {
		LocalServices system = new LocalServices(HOME, freshFolder("system"), LocalServices.Ports.free(), System.out);
		system.issuerArguments("--spring.security.oauth2.authorizationserver.client.order-service.token"
				+ ".access-token-time-to-live=" + ORDER_SERVICE_TOKEN_LIFETIME.toSeconds() + "s");
		try {
			system.start();
		}
		catch (RuntimeException ex) {
			system.close();
			throw ex;
		}
		return system;
	}

	static Path freshFolder(String name) {
		Path folder = HOME.resolve("demo/target").resolve(name);
		try {
			if (Files.exists(folder)) {
				try (Stream<Path> files = Files.walk(folder)) {
					files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
				}
			}
			return Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The started system, stopped when the run ends.
	 */
	private record Running(LocalServices system) implements ExtensionContext.Store.CloseableResource {

		@Override
		public void close() {
			this.system.close();
		}

	}

}
