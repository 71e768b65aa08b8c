package dev.microkit.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Request bodies an endpoint does not take, made from one body it does: malformed JSON,
 * each field with a value of another type or beyond its range, fields missing or unknown,
 * invalid UTF-8, deep nesting, and random byte mutations. The generator is seeded, so
 * every run sends the same corpus and a failure can be repeated.
 */
public final class BadJson {

	/** Values of every JSON type, the edges of int and long, odd numbers and strings. */
	public static final List<String> ODD_VALUES = List.of("null", "true", "false", "0", "-1", "-0", "1.5", "1e400",
			"-1e400", "10001", "1000000001", "2147483647", "2147483648", "-2147483649", "9223372036854775808",
			"99999999999999999999999999", "9".repeat(2000), "0x10", "NaN", "Infinity", "\"\"", "\" \"", "\"12\"",
			"\"" + "x".repeat(65) + "\"", "\"" + "é".repeat(65) + "\"", "\"" + "x".repeat(100_000) + "\"",
			"\"\\u0000\"", "\"\\ud800\"", "\"\uD83D\uDE00\"", "\"<script>alert(1)</script>\"", "\"' or 1=1 --\"",
			"\"async\"", "\"SYNC\"", "[]", "[1,2]", "{}", "{\"a\":1}");

	private static final List<String> MALFORMED = List.of("", " ", "null", "[]", "[{}]", "\"text\"", "123", "true", "{",
			"}", "{\"", "{\"a\"", "{\"a\":", "{\"a\":1,}", "{'a':1}", "{a:1}", "{\"a\":1 \"b\":2}", "{\"a\":01}",
			"{\"a\":.5}", "{\"a\":+1}", "{\"a\":\"\\x\"}", "{\"a\":\"\n\"}", "/* comment */ {}", "{} {}", "{}garbage",
			"\u0000", "\uFEFF{}", "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000));

	private static final String MUTATION_ALPHABET = "{}[]\":,\\ -+.eE0123456789aznul\t\n";

	private final Map<String, String> valid;

	private final Random random;

	/**
	 * @param seed the seed of the random mutations
	 * @param fieldsAndValues the fields of a body the endpoint takes, in order, each name
	 * followed by its value as a JSON literal
	 */
	public BadJson(long seed, String... fieldsAndValues) {
		this.valid = new LinkedHashMap<>();
		for (int i = 0; i < fieldsAndValues.length; i += 2) {
			this.valid.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
		}
		this.random = new Random(seed);
	}

	public List<byte[]> bodies(int mutations) {
		List<byte[]> bodies = new ArrayList<>();
		MALFORMED.forEach((body) -> bodies.add(utf8(body)));
		for (String field : this.valid.keySet()) {
			ODD_VALUES.forEach((value) -> bodies.add(utf8(with(field, value))));
			bodies.add(utf8(without(field)));
			bodies.add(invalidUtf8In(field));
		}
		ODD_VALUES.stream().limit(8).forEach((value) -> bodies.add(utf8(with("unknown", value))));
		bodies.add(utf8(manyFields(50_000)));
		for (int i = 0; i < mutations; i++) {
			bodies.add(mutated(utf8(object(this.valid))));
		}
		return bodies;
	}

	public String validBody() {
		return object(this.valid);
	}

	public String with(String field, String value) {
		Map<String, String> fields = new LinkedHashMap<>(this.valid);
		fields.put(field, value);
		return object(fields);
	}

	private String without(String field) {
		Map<String, String> fields = new LinkedHashMap<>(this.valid);
		fields.remove(field);
		return object(fields);
	}

	private byte[] invalidUtf8In(String field) {
		String body = with(field, "\"#\"");
		int at = body.indexOf('#');
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(utf8(body.substring(0, at)));
		bytes.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xC0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
		bytes.writeBytes(utf8(body.substring(at + 1)));
		return bytes.toByteArray();
	}

	private String manyFields(int count) {
		StringBuilder body = new StringBuilder(object(this.valid));
		body.setLength(body.length() - 1);
		for (int i = 0; i < count; i++) {
			body.append(",\"f").append(i).append("\":").append(i);
		}
		return body.append('}').toString();
	}

	private byte[] mutated(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] bytes = body;
		for (int edits = 1 + this.random.nextInt(4); edits > 0; edits--) {
			int at = this.random.nextInt(bytes.length);
			out.reset();
			out.write(bytes, 0, at);
			switch (this.random.nextInt(4)) {
				case 0 -> out.write(bytes, at + 1, bytes.length - at - 1);
				case 1 -> {
					out.write(MUTATION_ALPHABET.charAt(this.random.nextInt(MUTATION_ALPHABET.length())));
					out.write(bytes, at, bytes.length - at);
				}
				case 2 -> {
					out.write(this.random.nextInt(256));
					out.write(bytes, at + 1, bytes.length - at - 1);
				}
				default -> {
					// truncated
				}
			}
			bytes = out.toByteArray();
			if (bytes.length == 0) {
				return bytes;
			}
		}
		return bytes;
	}

	private static String object(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> "\"" + field.getKey() + "\":" + field.getValue())
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
