package dev.microkit.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Requests waiting for replies: each settles once, by its reply or its timeout, and
 * leaves nothing behind.
 */
class PendingRepliesTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final PendingReplies replies = new PendingReplies(new ObjectMapper(), new EventsMetrics(this.registry));

	@AfterEach
	void close() {
		this.replies.close();
	}

	@Test
	void aReplyCompletesItsRequestAndCancelsItsTimeout() {
		OutgoingEvent request = request();
		CompletableFuture<Quote> reply = this.replies.expect(request, Quote.class, Duration.ofHours(1));
		assertThat(this.replies.scheduledTimeouts()).isOne();
		this.replies.accept(request.id(), json("{\"available\":7}"));
		assertThat(reply).isCompletedWithValue(new Quote(7));
		assertThat(this.replies.waiting()).isZero();
		assertThat(this.replies.scheduledTimeouts()).isZero();
		assertThat(outcomes("answered")).isOne();
	}

	@Test
	void aRequestThatCouldNotBeSentCancelsItsTimeout() {
		OutgoingEvent request = request();
		CompletableFuture<Quote> reply = this.replies.expect(request, Quote.class, Duration.ofHours(1));
		this.replies.failed(request.id(), new IllegalStateException("broker away"));
		assertThat(reply).isCompletedExceptionally();
		assertThat(this.replies.scheduledTimeouts()).isZero();
		assertThat(outcomes("failed")).isOne();
	}

	@Test
	void noReplyInTimeFailsTheRequestAndALateReplyIsCounted() {
		OutgoingEvent request = request();
		CompletableFuture<Quote> reply = this.replies.expect(request, Quote.class, Duration.ofMillis(50));
		await().until(reply::isDone);
		assertThatExceptionOfType(Exception.class).isThrownBy(reply::join)
			.withCauseInstanceOf(EventRequestTimeoutException.class);
		this.replies.accept(request.id(), json("{\"available\":7}"));
		assertThat(unmatched("late")).isOne();
		assertThat(outcomes("timeout")).isOne();
	}

	@Test
	void aSecondReplyIsCountedAsADuplicateAndAReplyToNoKnownRequestAsUnknown() {
		OutgoingEvent request = request();
		this.replies.expect(request, Quote.class, Duration.ofHours(1));
		this.replies.accept(request.id(), json("{\"available\":7}"));
		this.replies.accept(request.id(), json("{\"available\":8}"));
		this.replies.accept("never-asked", json("{\"available\":9}"));
		this.replies.accept(null, json("{\"available\":9}"));
		assertThat(unmatched("duplicate")).isOne();
		assertThat(unmatched("unknown")).isEqualTo(2);
	}

	@Test
	void aReplyThatCannotBeReadFailsItsRequestNamingTheType() {
		OutgoingEvent request = request();
		CompletableFuture<Quote> reply = this.replies.expect(request, Quote.class, Duration.ofHours(1));
		this.replies.accept(request.id(), json("not json"));
		assertThatExceptionOfType(Exception.class).isThrownBy(reply::join)
			.havingCause()
			.withMessageContaining("stock.quote")
			.withMessageContaining(Quote.class.getName());
	}

	@Test
	void aRequestAfterTheApplicationStoppedFailsAndIsNotKept() {
		this.replies.close();
		CompletableFuture<Quote> reply = this.replies.expect(request(), Quote.class, Duration.ofHours(1));
		assertThatExceptionOfType(Exception.class).isThrownBy(reply::join)
			.havingCause()
			.withMessageContaining("'stock.quote' request was not sent");
		assertThat(this.replies.waiting()).isZero();
	}

	private static OutgoingEvent request() {
		return OutgoingEvent.create("stock.quote", "test", "sku-1", "stock", new byte[0]);
	}

	private static byte[] json(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private double unmatched(String reason) {
		return this.registry.get("microkit.events.replies.unmatched").tag("reason", reason).counter().count();
	}

	private long outcomes(String outcome) {
		return this.registry.get("microkit.events.requests").tag("outcome", outcome).timer().count();
	}

	record Quote(int available) {
	}

}
