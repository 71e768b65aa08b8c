package dev.microkit.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.microkit.events.EventSender;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.PublishedEvent;

/**
 * Sends a pass's rows to the broker in their order, each in the trace it was written in,
 * and waits a bounded time for the acknowledgements. It stops at the first row the
 * producer refuses at once: a later row of the same key must not overtake it.
 */
class OutboxSender {

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
		List<CompletableFuture<PublishedEvent>> sends = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			CompletableFuture<PublishedEvent> send;
			try (OutboxTracing.Scope scope = this.tracing.continueTrace(row.traceContext())) {
				send = this.sender.send(row.event());
			}
			catch (RuntimeException ex) {
				// a client throws what it refuses at once, such as an event too large
				send = CompletableFuture.failedFuture(ex);
			}
			sends.add(send.whenComplete(
					(result, failure) -> this.metrics.published(row.event().type(), row.event().topic(), failure)));
			if (send.isCompletedExceptionally()) {
				break;
			}
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// the outcome of each send is read below
		}
		return sends;
	}

}
