package dev.microkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata that IDEs show, as the build merges it from the properties classes and
 * {@code additional-spring-configuration-metadata.json}: every {@code microkit.*} key is
 * documented, and properties with a fixed set of values list them.
 */
class ConfigurationMetadataTests {

	private static final Pattern ENUM_TYPE = Pattern.compile("(?:java\\.util\\.\\w+<)?(dev\\.microkit\\.[\\w.$]+)>?");

	@Test
	void everyMicrokitPropertyHasADescription() throws IOException {
		List<Map<String, Object>> microkit = entries("properties").stream()
			.filter((property) -> property.get("name").toString().startsWith("microkit."))
			.toList();
		assertThat(microkit).extracting((property) -> property.get("name"))
			.contains("microkit.calls.defaults.load-balancer", "microkit.calls.defaults.timeout");
		assertThat(microkit).allSatisfy(
				(property) -> assertThat(property.get("description")).as("description of %s", property.get("name"))
					.asString()
					.isNotBlank()
					.doesNotStartWith("The "));
	}

	@Test
	void enumeratedPropertiesHaveValueHints() throws IOException {
		assertThat(entries("hints")).extracting((hint) -> hint.get("name"))
			.contains("microkit.calls.defaults.load-balancer", "microkit.calls.defaults.ejection.failures",
					"microkit.events.idempotency.store", "microkit.events.unknown-types", "microkit.events.transport");
	}

	@Test
	void everyHintIsForAPropertyThatExists() throws IOException {
		List<Object> properties = entries("properties").stream().map((property) -> property.get("name")).toList();
		assertThat(entries("hints")).extracting((hint) -> hint.get("name"))
			.allSatisfy((name) -> assertThat(properties).as("properties named as hint %s", name).contains(name));
	}

	@Test
	void everyHintOfAnEnumPropertyListsExactlyItsConstants() throws Exception {
		for (Map<String, Object> hint : entries("hints")) {
			Class<?> type = enumType(hint.get("name"));
			if (type != null) {
				List<String> constants = Arrays.stream(type.getEnumConstants())
					.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
					.toList();
				assertThat(hintValues(hint)).as("hint values of %s", hint.get("name"))
					.containsExactlyInAnyOrderElementsOf(constants);
			}
		}
	}

	private static Class<?> enumType(Object propertyName) throws Exception {
		Map<String, Object> property = entries("properties").stream()
			.filter((candidate) -> candidate.get("name").equals(propertyName))
			.findFirst()
			.orElseThrow();
		Matcher matcher = ENUM_TYPE.matcher(property.get("type").toString());
		if (!matcher.matches()) {
			return null;
		}
		Class<?> type = Class.forName(matcher.group(1));
		return type.isEnum() ? type : null;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> hintValues(Map<String, Object> hint) {
		return ((List<Map<String, Object>>) hint.get("values")).stream().map((value) -> value.get("value")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> entries(String kind) throws IOException {
		try (InputStream json = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return (List<Map<String, Object>>) new ObjectMapper().readValue(json, Map.class).get(kind);
		}
	}

}
