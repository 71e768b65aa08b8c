package dev.microkit.deployment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka in {@code docker-compose.yml}: the {@code kafka} service and its setup
 * containers, and the files under {@code docker/kafka} they mount, read as the containers
 * use them.
 */
@SuppressWarnings("unchecked")
final class ComposeKafka {

	private final Map<String, Object> compose;

	ComposeKafka() {
		this(new Yaml().load(Project.read("docker-compose.yml")));
	}

	/**
	 * The Kafka parts of a compose file already read.
	 */
	ComposeKafka(Map<String, Object> compose) {
		this.compose = compose;
	}

	Map<String, Object> service(String name) {
		Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) this.compose.get("services"))
			.get(name);
		assertThat(service).as("service " + name).isNotNull();
		return service;
	}

	/**
	 * A service's environment, its values as strings.
	 */
	Map<String, String> environment(String name) {
		Map<String, String> environment = new LinkedHashMap<>();
		Map<String, Object> declared = (Map<String, Object>) service(name).get("environment");
		if (declared != null) {
			declared.forEach((key, value) -> environment.put(key, String.valueOf(value)));
		}
		return environment;
	}

	List<String> list(String service, String key) {
		Object value = service(service).get(key);
		assertThat(value).as(service + " " + key).isInstanceOf(List.class);
		return ((List<Object>) value).stream().map(Object::toString).toList();
	}

	/**
	 * The project file a service mounts at a path of its container.
	 */
	String mounted(String service, String containerPath) {
		for (String volume : list(service, "volumes")) {
			String[] parts = volume.split(":");
			if (parts.length > 1 && parts[1].equals(containerPath)) {
				assertThat(parts[0]).as(volume).startsWith("./");
				assertThat(volume).as(volume + " is read-only").endsWith(":ro");
				return parts[0].substring(2);
			}
		}
		throw new AssertionError(service + " mounts nothing at " + containerPath);
	}

	/**
	 * The script the {@code kafka} service runs instead of the image's entrypoint.
	 */
	String startScript() {
		List<String> entrypoint = list("kafka", "entrypoint");
		assertThat(entrypoint).hasSize(2).first().isEqualTo("/bin/sh");
		return Project.read(mounted("kafka", entrypoint.get(1)));
	}

	/**
	 * Where the start script reads the broker's configuration, in the container.
	 */
	String serverPropertiesPath() {
		return startScript().lines()
			.filter((line) -> line.startsWith("config="))
			.map((line) -> line.substring("config=".length()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("start.sh sets no config"));
	}

	Properties serverProperties() {
		return properties(Project.read(mounted("kafka", serverPropertiesPath())));
	}

	/**
	 * The arguments the start script gives {@code kafka-storage.sh}, the kafka service's
	 * environment and the script's variables expanded.
	 */
	List<String> formatArguments() {
		List<String> words = command(startScript(), "/opt/kafka/bin/kafka-storage.sh", environment("kafka"));
		assertThat(words.get(1)).isEqualTo("format");
		return words.subList(1, words.size());
	}

	/**
	 * The {@code --add-scram} arguments of the start script, by user name: the users the
	 * storage is formatted with.
	 */
	Map<String, String> scramUsers() {
		Map<String, String> users = new LinkedHashMap<>();
		List<String> arguments = formatArguments();
		for (int i = 0; i < arguments.size(); i++) {
			if (arguments.get(i).equals("--add-scram")) {
				String credential = arguments.get(i + 1);
				assertThat(credential).startsWith("SCRAM-SHA-512=[").endsWith("]");
				Map<String, String> fields = new HashMap<>();
				for (String field : credential.substring("SCRAM-SHA-512=[".length(), credential.length() - 1)
					.split(",")) {
					fields.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
				}
				assertThat(fields).containsOnlyKeys("name", "password");
				users.put(fields.get("name"), fields.get("password"));
			}
		}
		return users;
	}

	/**
	 * What the start script runs once the storage is formatted.
	 */
	List<String> startCommand() {
		return command(startScript(), "exec ", environment("kafka"));
	}

	/**
	 * The topics the {@code kafka-topics} service creates.
	 */
	List<String> topics() {
		String command = String.join(" ", list("kafka-topics", "command"));
		return List.of(command.substring(command.indexOf("for topic in ") + 13, command.indexOf("; do")).split(" "));
	}

	/**
	 * The script the {@code kafka-acls} service runs.
	 */
	String aclScript() {
		List<String> entrypoint = list("kafka-acls", "entrypoint");
		assertThat(entrypoint).hasSize(2).first().isEqualTo("/bin/sh");
		return Project.read(mounted("kafka-acls", entrypoint.get(1)));
	}

	/**
	 * The {@code kafka-acls.sh} command each {@code acl} line of the ACL script runs:
	 * everything but its own arguments ({@code "$@"}).
	 */
	List<String> aclCommand() {
		List<String> words = command(aclScript(), "/opt/kafka/bin/kafka-acls.sh", Map.of());
		assertThat(words.subList(words.size() - 3, words.size())).containsExactly("$@", ">", "/dev/null");
		return words.subList(0, words.size() - 3);
	}

	/**
	 * The arguments of each {@code acl} line of the ACL script.
	 */
	List<List<String>> aclArguments() {
		return aclScript().lines()
			.filter((line) -> line.startsWith("acl "))
			.map((line) -> words(line.substring(4), Map.of()))
			.toList();
	}

	static Properties properties(String text) {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(text));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	/**
	 * The words of the script's command that starts with a prefix, continuation lines
	 * joined, the script's variables and those given expanded.
	 */
	private static List<String> command(String script, String prefix, Map<String, String> environment) {
		Map<String, String> variables = new HashMap<>(environment);
		String joined = script.replace("\\\n", " ");
		for (String line : joined.lines().map(String::trim).toList()) {
			if (line.matches("[a-z]+=\\S+")) {
				variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
			if (line.startsWith(prefix)) {
				List<String> words = words(line, variables);
				return words.get(0).equals("exec") ? words.subList(1, words.size()) : words;
			}
		}
		throw new AssertionError("No command " + prefix + " in\n" + script);
	}

	/**
	 * A line's words as the shell splits them: quotes removed, {@code $NAME} expanded
	 * outside single quotes ({@code "$@"} kept), {@code >} and what follows as words of
	 * their own.
	 */
	static List<String> words(String line, Map<String, String> variables) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote == 0 && Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
				continue;
			}
			if (word == null) {
				word = new StringBuilder();
			}
			if (quote == 0 && (c == '\'' || c == '"')) {
				quote = c;
			}
			else if (quote != 0 && c == quote) {
				quote = 0;
			}
			else if (quote != '\'' && c == '$' && line.startsWith("$@", i)) {
				word.append("$@");
				i++;
			}
			else if (quote != '\'' && c == '$') {
				int end = i + 1;
				boolean braces = line.charAt(end) == '{';
				int start = braces ? end + 1 : end;
				end = start;
				while (end < line.length()
						&& (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
					end++;
				}
				String name = line.substring(start, end);
				assertThat(variables).as("$" + name + " in " + line).containsKey(name);
				word.append(variables.get(name));
				i = braces ? end : end - 1;
			}
			else {
				word.append(c);
			}
		}
		assertThat(quote == 0).as("unclosed quote in " + line).isTrue();
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

}
