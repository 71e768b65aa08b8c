package dev.microkit;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code microkit.*} key is documented in the metadata that IDEs show.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyMicrokitPropertyHasADescription() throws Exception {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			Map<String, Object> metadata = new ObjectMapper().readValue(json, Map.class);
			List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
			List<Map<String, Object>> microkit = properties.stream()
				.filter((property) -> property.get("name").toString().startsWith("microkit."))
				.toList();
			assertThat(microkit).extracting((property) -> property.get("name"))
				.contains("microkit.calls.defaults.load-balancer", "microkit.calls.defaults.timeout");
			assertThat(microkit).allSatisfy((property) -> assertThat(property.get("description"))
				.as("description of %s", property.get("name"))
				.asString()
				.isNotBlank()
				.doesNotStartWith("The "));
		}
	}

}
