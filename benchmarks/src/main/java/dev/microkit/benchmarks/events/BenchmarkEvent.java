package dev.microkit.benchmarks.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The payload the events benchmarks publish: the moment it was due
 * ({@link System#nanoTime()} of this JVM) and filler that makes its JSON a given size.
 */
record BenchmarkEvent(long dueNanos, String data) {

	/**
	 * An event due now whose JSON is {@code bytes} long; other due times of this run have
	 * as many digits, give or take one.
	 */
	static BenchmarkEvent ofJsonSize(int bytes, ObjectMapper mapper) {
		BenchmarkEvent empty = new BenchmarkEvent(System.nanoTime(), "");
		return new BenchmarkEvent(empty.dueNanos(), "x".repeat(bytes - json(empty, mapper).length));
	}

	BenchmarkEvent dueAt(long nanos) {
		return new BenchmarkEvent(nanos, this.data);
	}

	static byte[] json(BenchmarkEvent event, ObjectMapper mapper) {
		try {
			return mapper.writeValueAsBytes(event);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
