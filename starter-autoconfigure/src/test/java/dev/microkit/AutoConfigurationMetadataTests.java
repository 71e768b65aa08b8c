package dev.microkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions of every auto-configuration are written down at build time, so that
 * Spring Boot can skip those whose classes are missing without loading them.
 */
class AutoConfigurationMetadataTests {

	@Test
	void everyAutoConfigurationHasItsConditionsPrecomputed() throws IOException {
		Properties metadata = new Properties();
		try (InputStream properties = getClass()
			.getResourceAsStream("/META-INF/spring-autoconfigure-metadata.properties")) {
			metadata.load(properties);
		}
		assertThat(metadata.stringPropertyNames()).containsAll(autoConfigurations());
		assertThat(metadata.getProperty("dev.microkit.events.autoconfigure.EventsAutoConfiguration.ConditionalOnClass"))
			.isEqualTo("org.springframework.messaging.Message");
	}

	private List<String> autoConfigurations() throws IOException {
		try (InputStream imports = getClass()
			.getResourceAsStream("/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			return new String(imports.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank())
				.toList();
		}
	}

}
