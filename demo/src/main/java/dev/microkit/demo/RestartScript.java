package dev.microkit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A shell script that starts a service again exactly as the demo started it, its output
 * added to the service's log, for a user who killed it by hand.
 */
final class RestartScript {

	private RestartScript() {
	}

	/**
	 * Writes the script.
	 * @return the command that runs it
	 */
	static String write(Path script, List<String> command, Path log) {
		String line = command.stream().map(RestartScript::quoted).collect(Collectors.joining(" "));
		try {
			Files.writeString(script, "#!/bin/sh\nexec " + line + " >> " + quoted(log.toString()) + " 2>&1\n");
			script.toFile().setExecutable(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return "sh " + quoted(script.toString());
	}

	private static String quoted(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
