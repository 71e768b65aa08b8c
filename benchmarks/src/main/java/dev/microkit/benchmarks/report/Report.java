package dev.microkit.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a suite's results: {@code results.json}, {@code results.md} and the PNG plots,
 * one section per benchmark.
 */
public final class Report {

	private final Path directory;

	private final String suite;

	private final List<ReportSection> sections;

	public Report(Path directory, String suite, List<ReportSection> sections) {
		this.directory = directory;
		this.suite = suite;
		this.sections = sections;
	}

	public List<Target> targets() {
		return this.sections.stream().flatMap((section) -> section.targets().stream()).toList();
	}

	public void write() {
		try {
			Files.createDirectories(this.directory);
			writeJson();
			Files.writeString(this.directory.resolve("results.md"), markdown());
			for (ReportSection section : this.sections) {
				section.plot(this.directory);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void writeJson() throws IOException {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("suite", this.suite);
		json.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
		json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java",
				System.getProperty("java.version"), "os", System.getProperty("os.name")));
		json.put("targets", targets());
		for (ReportSection section : this.sections) {
			json.put(section.key(), section.json());
		}
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValue(this.directory.resolve("results.json").toFile(), json);
	}

	private String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# microkit benchmarks (").append(this.suite).append(" suite)\n\n");
		md.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, Java ")
			.append(System.getProperty("java.version"))
			.append(". Every comparison was measured in the same run.\n\n");
		MarkdownTable table = new MarkdownTable().left("what", "target", "measured", "met");
		for (Target target : targets()) {
			table.row(target.what(), target.target(), target.measured(), target.met() ? "yes" : "**no**");
		}
		md.append("## Targets\n\n").append(table);
		for (ReportSection section : this.sections) {
			md.append('\n').append(section.markdown());
		}
		return md.toString();
	}

}
