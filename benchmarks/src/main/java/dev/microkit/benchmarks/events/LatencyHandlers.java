package dev.microkit.benchmarks.events;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.microkit.events.EventHandler;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Handlers that record, for each event, the time from the moment it was due to be
 * published to the moment the handler ran: one handler without the idempotent consumer
 * store, one with it, and one for events published through the outbox.
 */
class LatencyHandlers {

	static final String PLAIN = "bench.plain";

	static final String STORED = "bench.stored";

	static final String OUTBOXED = "bench.outboxed-latency";

	final Variant plain = new Variant();

	final Variant stored = new Variant();

	final Variant outboxed = new Variant();

	@EventHandler(value = PLAIN, idempotent = false)
	void plain(BenchmarkEvent event) {
		this.plain.record(event);
	}

	@EventHandler(STORED)
	void stored(BenchmarkEvent event) {
		this.stored.record(event);
	}

	@EventHandler(value = OUTBOXED, idempotent = false)
	void outboxed(BenchmarkEvent event) {
		this.outboxed.record(event);
	}

	/**
	 * Latencies of one handler, in microseconds.
	 */
	static final class Variant {

		private final Recorder latencies = new Recorder(3);

		private final LongAdder handled = new LongAdder();

		private void record(BenchmarkEvent event) {
			this.latencies
				.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0, System.nanoTime() - event.dueNanos())));
			this.handled.increment();
		}

		long handled() {
			return this.handled.sum();
		}

		/**
		 * The latencies recorded since the last call.
		 */
		Histogram takeLatencies() {
			return this.latencies.getIntervalHistogram();
		}

	}

}
