package dev.microkit.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.microkit.events.EventSender;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.OutgoingEvent;
import dev.microkit.events.PublishedEvent;

/**
 * Sends a pass's rows to the broker in their order, each in the trace it was written in,
 * and waits a bounded time for the acknowledgements. It stops at the first row the
 * producer refuses at once: a later row of the same key must not overtake it. For the
 * same reason it sends no more than {@link EventSender#inOrderBytes()} before the broker
 * has acknowledged what it sent: a Kafka producer batch that waited too long for the
 * broker fails alone, and the batch after it may get through when the broker comes back.
 */
class OutboxSender {

	/**
	 * What a record carries besides its data, key and extensions: the CloudEvents
	 * attributes, the trace context and the record's own framing, rounded up.
	 */
	private static final int RECORD_OVERHEAD_BYTES = 512;

	private final EventSender sender;

	private final OutboxTracing tracing;

	private final EventsMetrics metrics;

	private final Duration sendTimeout;

	OutboxSender(EventSender sender, OutboxTracing tracing, EventsMetrics metrics, Duration sendTimeout) {
		this.sender = sender;
		this.tracing = tracing;
		this.metrics = metrics;
		this.sendTimeout = sendTimeout;
	}

	List<CompletableFuture<PublishedEvent>> sendInOrder(List<OutboxRow> rows) {
		long deadline = System.nanoTime() + this.sendTimeout.toNanos();
		long window = this.sender.inOrderBytes();
		List<CompletableFuture<PublishedEvent>> sends = new ArrayList<>(rows.size());
		int unacknowledgedFrom = 0;
		long unacknowledgedBytes = 0;
		for (OutboxRow row : rows) {
			long bytes = bytesOf(row.event());
			if (unacknowledgedBytes > 0 && unacknowledgedBytes + bytes > window) {
				if (!allAcknowledged(sends.subList(unacknowledgedFrom, sends.size()), deadline)) {
					break;
				}
				unacknowledgedFrom = sends.size();
				unacknowledgedBytes = 0;
			}
			CompletableFuture<PublishedEvent> send = send(row);
			sends.add(send);
			unacknowledgedBytes += bytes;
			if (send.isCompletedExceptionally()) {
				break;
			}
		}
		allAcknowledged(sends, deadline);
		return sends;
	}

	private CompletableFuture<PublishedEvent> send(OutboxRow row) {
		CompletableFuture<PublishedEvent> send;
		try (OutboxTracing.Scope scope = this.tracing.continueTrace(row.traceContext())) {
			send = this.sender.send(row.event());
		}
		catch (RuntimeException ex) {
			// a client throws what it refuses at once, such as an event too large
			send = CompletableFuture.failedFuture(ex);
		}
		return send.whenComplete(
				(result, failure) -> this.metrics.published(row.event().type(), row.event().topic(), failure));
	}

	/**
	 * Waits until these sends are done or the pass's time is up.
	 * @return whether every one was acknowledged
	 */
	private static boolean allAcknowledged(List<CompletableFuture<PublishedEvent>> sends, long deadline) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			// the outcome of each send is read by the relay
			return false;
		}
	}

	static long bytesOf(OutgoingEvent event) {
		long bytes = RECORD_OVERHEAD_BYTES + ((event.data() != null) ? event.data().length : 0);
		if (event.key() != null) {
			bytes += event.key().length();
		}
		for (Map.Entry<String, String> extension : event.extensions().entrySet()) {
			bytes += extension.getKey().length() + extension.getValue().length();
		}
		return bytes;
	}

}
