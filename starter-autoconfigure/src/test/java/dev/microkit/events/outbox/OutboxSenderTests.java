package dev.microkit.events.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.microkit.events.EventSender;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.OutgoingEvent;
import dev.microkit.events.PublishedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much of a pass is under way before the broker acknowledges it, against a sender
 * that answers each event a moment after it was sent. The rows are of one key, about
 * 1,000 bytes each; the sender keeps at most 2,500 bytes in order, so two rows at a time.
 */
class OutboxSenderTests {

	private static final Duration ANSWER_AFTER = Duration.ofMillis(20);

	private final ScheduledExecutorService broker = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void stopBroker() {
		this.broker.shutdownNow();
	}

	@Test
	void noMoreThanTheSendersInOrderBytesAreUnderWayAtOnce() {
		AnsweringSender sender = new AnsweringSender(2_500, -1);
		List<CompletableFuture<PublishedEvent>> sends = outboxSender(sender).sendInOrder(rows(10));
		assertThat(sends).hasSize(10).allSatisfy((send) -> assertThat(send).isCompleted());
		assertThat(sender.sent).containsExactly("e-0", "e-1", "e-2", "e-3", "e-4", "e-5", "e-6", "e-7", "e-8", "e-9");
		assertThat(sender.mostUnderWay).isEqualTo(2);
	}

	@Test
	void aRowTheBrokerFailsStopsThePassBeforeALaterRowIsSent() {
		AnsweringSender sender = new AnsweringSender(2_500, 0);
		List<CompletableFuture<PublishedEvent>> sends = outboxSender(sender).sendInOrder(rows(10));
		assertThat(sender.sent).as("the rest would overtake e-0 when sent again").containsExactly("e-0", "e-1");
		assertThat(SendFailures.failureOf(sends.get(0))).hasMessage("batch expired");
	}

	@Test
	void aSenderWithoutALimitGetsThePassAtOnce() {
		AnsweringSender sender = new AnsweringSender(Long.MAX_VALUE, -1);
		outboxSender(sender).sendInOrder(rows(10));
		assertThat(sender.mostUnderWay).isEqualTo(10);
	}

	private static OutboxSender outboxSender(EventSender sender) {
		return new OutboxSender(sender, OutboxTracing.NONE, new EventsMetrics(new SimpleMeterRegistry()),
				Duration.ofSeconds(5));
	}

	private static List<OutboxRow> rows(int count) {
		List<OutboxRow> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			OutgoingEvent event = new OutgoingEvent("e-" + i, "order.placed", "test", OffsetDateTime.now(), "k",
					"orders", new byte[480]);
			assertThat(OutboxSender.bytesOf(event)).isEqualTo(993);
			rows.add(new OutboxRow(i, event, null));
		}
		return rows;
	}

	/**
	 * Answers each event {@link #ANSWER_AFTER} after it was sent, failing the one at the
	 * given index, and notes the most events it had under way at once.
	 */
	private final class AnsweringSender implements EventSender {

		private final long inOrderBytes;

		private final int failing;

		private final List<String> sent = new ArrayList<>();

		private int underWay;

		private int mostUnderWay;

		AnsweringSender(long inOrderBytes, int failing) {
			this.inOrderBytes = inOrderBytes;
			this.failing = failing;
		}

		@Override
		public synchronized CompletableFuture<PublishedEvent> send(OutgoingEvent event) {
			int index = this.sent.size();
			this.sent.add(event.id());
			this.underWay++;
			this.mostUnderWay = Math.max(this.mostUnderWay, this.underWay);
			CompletableFuture<PublishedEvent> answer = new CompletableFuture<>();
			OutboxSenderTests.this.broker.schedule(() -> {
				synchronized (this) {
					this.underWay--;
				}
				if (index == this.failing) {
					answer.completeExceptionally(new IllegalStateException("batch expired"));
				}
				else {
					answer.complete(new PublishedEvent(event.id(), event.type(), event.key(), event.topic(), 0, index));
				}
			}, ANSWER_AFTER.toMillis(), TimeUnit.MILLISECONDS);
			return answer;
		}

		@Override
		public long inOrderBytes() {
			return this.inOrderBytes;
		}

		@Override
		public String transport() {
			return "test";
		}

	}

}
