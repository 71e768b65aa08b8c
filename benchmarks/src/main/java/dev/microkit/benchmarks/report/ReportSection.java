package dev.microkit.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark's results as the report shows them: a member of {@code results.json}, a
 * section of {@code results.md}, the targets it judges and the plots it draws.
 */
public interface ReportSection {

	/**
	 * The member of {@code results.json} that holds {@link #json()}.
	 */
	String key();

	Object json();

	/**
	 * A Markdown section, from its {@code ##} heading on.
	 */
	String markdown();

	List<Target> targets();

	/**
	 * Writes this section's plots, if any, into the results directory.
	 */
	default void plot(Path directory) throws IOException {
	}

}
