package dev.microkit.benchmarks.calls;

import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The exceptions calls threw at their callers: when, and of which kind.
 */
final class CallerErrors {

	private final Queue<Long> nanos = new ConcurrentLinkedQueue<>();

	private final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();

	/**
	 * The call, recording what it throws before passing it on.
	 * @param call the call
	 * @return the recording call
	 */
	Runnable recording(Runnable call) {
		return () -> {
			try {
				call.run();
			}
			catch (RuntimeException ex) {
				this.nanos.add(System.nanoTime());
				this.kinds.computeIfAbsent(kind(ex), (kind) -> new LongAdder()).increment();
				throw ex;
			}
		};
	}

	/**
	 * The exception's class and its root cause's, which says where it came from.
	 */
	private static String kind(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String kind = ex.getClass().getSimpleName();
		return (root != ex) ? kind + " (" + root.getClass().getSimpleName() + ")" : kind;
	}

	long count() {
		return this.nanos.size();
	}

	long[] nanos() {
		return this.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	/**
	 * How many errors of each kind.
	 */
	Map<String, Long> kinds() {
		Map<String, Long> kinds = new TreeMap<>();
		this.kinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
		return kinds;
	}

}
