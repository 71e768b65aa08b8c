package dev.microkit.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's files, as the checks read them.
 */
final class Project {

	static final Path HOME = Path.of(System.getProperty("microkit.home", "..")).toAbsolutePath().normalize();

	private Project() {
	}

	static Path file(String relative) {
		return HOME.resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(file(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
