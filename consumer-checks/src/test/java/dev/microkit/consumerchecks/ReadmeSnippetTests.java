package dev.microkit.consumerchecks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's "Add the starter" is what the consumer project {@code readme-snippet} is made
 * of: its POM holds the README's parent, import and starter, its sources the README's
 * Java, its configuration the README's YAML. The project is built and run by the invoker.
 */
class ReadmeSnippetTests {

	private static final Path PROJECT = Path.of("src", "it", "readme-snippet");

	private final ReadmeSnippet readme = ReadmeSnippet.section(Path.of("..", "README.md"), "## Add the starter");

	private final ReadmeSnippet security = ReadmeSnippet.section(Path.of("..", "README.md"),
			"## Secure the service and its calls");

	ReadmeSnippetTests() throws IOException {
	}

	@Test
	void theProjectsPomHoldsTheReadmesXml() throws IOException {
		String pom = Files.readString(PROJECT.resolve("pom.xml"));
		assertThat(this.readme.blocks("xml")).hasSize(1)
			.allSatisfy((block) -> assertThat(ReadmeSnippet.pomHolds(pom, block)).as(block).isTrue());
	}

	@Test
	void theProjectsSourcesHoldTheReadmesJava() throws IOException {
		String sources = mainSources();
		assertThat(this.readme.blocks("java")).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((block) -> assertThat(ReadmeSnippet.textHolds(sources, block)).as(block).isTrue());
	}

	@Test
	void theProjectsConfigurationHoldsTheReadmesYaml() throws IOException {
		String configuration = Files.readString(PROJECT.resolve("src/main/resources/application.yml"));
		assertThat(this.readme.blocks("yaml")).hasSize(1)
			.allSatisfy((block) -> assertThat(ReadmeSnippet.textHolds(configuration, block)).as(block).isTrue());
	}

	@Test
	void theProjectHoldsTheReadmesSecurity() throws IOException {
		String pom = Files.readString(PROJECT.resolve("pom.xml"));
		assertThat(this.security.blocks("xml")).hasSize(1)
			.allSatisfy((block) -> assertThat(ReadmeSnippet.pomHolds(pom, block)).as(block).isTrue());
		String sources = mainSources();
		assertThat(this.security.blocks("java")).hasSize(1)
			.allSatisfy((block) -> assertThat(ReadmeSnippet.textHolds(sources, block)).as(block).isTrue());
		String configuration = Files.readString(PROJECT.resolve("src/main/resources/application.yml"));
		assertThat(this.security.blocks("yaml")).hasSize(1)
			.allSatisfy((block) -> assertThat(ReadmeSnippet.textHolds(configuration, block)).as(block).isTrue());
	}

	@Test
	void aPomWithAnotherVersionDoesNotHoldTheSnippet() throws IOException {
		String pom = Files.readString(PROJECT.resolve("pom.xml"));
		String block = this.readme.blocks("xml").get(0);
		assertThat(ReadmeSnippet.pomHolds(pom, block.replace("<version>3.5.16</version>", "<version>3.4.0</version>")))
			.isFalse();
		assertThat(ReadmeSnippet.pomHolds(pom,
				block.replace("microkit-spring-boot-starter", "microkit-calls-spring-boot-starter")))
			.isFalse();
	}

	@Test
	void sourcesWithAnotherLineDoNotHoldTheBlock() throws IOException {
		String block = this.readme.blocks("java").get(1);
		assertThat(ReadmeSnippet.textHolds(mainSources(), block.replace("@Idempotent", "@Deprecated"))).isFalse();
	}

	private static String mainSources() throws IOException {
		try (Stream<Path> files = Files.walk(PROJECT.resolve("src/main/java"))) {
			return files.filter((file) -> file.toString().endsWith(".java")).map((file) -> {
				try {
					return Files.readString(file);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).collect(Collectors.joining("\n"));
		}
	}

}
