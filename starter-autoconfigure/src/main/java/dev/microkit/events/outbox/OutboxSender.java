package dev.microkit.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import dev.microkit.events.EventsMetrics;

/**
 * Sends a pass's rows to Kafka in their order, each in the trace it was written in, and
 * waits a bounded time for the acknowledgements. It stops at the first row the producer
 * refuses at once: a later row of the same key must not overtake it.
 */
class OutboxSender {

	private final KafkaTemplate<String, byte[]> template;

	private final OutboxTracing tracing;

	private final EventsMetrics metrics;

	private final Duration sendTimeout;

	OutboxSender(KafkaTemplate<String, byte[]> template, OutboxTracing tracing, EventsMetrics metrics,
			Duration sendTimeout) {
		this.template = template;
		this.tracing = tracing;
		this.metrics = metrics;
		this.sendTimeout = sendTimeout;
	}

	List<CompletableFuture<SendResult<String, byte[]>>> sendInOrder(List<OutboxRow> rows) {
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			CompletableFuture<SendResult<String, byte[]>> send;
			try (OutboxTracing.Scope scope = this.tracing.continueTrace(row.traceContext())) {
				send = this.template.send(row.event().toRecord());
			}
			catch (RuntimeException ex) {
				// the template throws what the producer refuses at once, such as a record
				// too large
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
