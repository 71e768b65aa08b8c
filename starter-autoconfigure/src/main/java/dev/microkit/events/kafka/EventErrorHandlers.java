package dev.microkit.events.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.listener.EventFailures;
import dev.microkit.events.PoisonPillException;
import dev.microkit.events.UnknownEventTypeException;

/**
 * Builds the error handler of each listener container: a failed record is retried with
 * exponential back-off, then published to the topic's dead-letter topic; poison pills and
 * unknown types go there at once; while the idempotent consumer's database is away the
 * record is retried without end rather than dead-lettered.
 */
public class EventErrorHandlers {

	private final KafkaTemplate<String, byte[]> deadLetterTemplate;

	private final EventsProperties.Retry retry;

	private final EventsMetrics metrics;

	public EventErrorHandlers(KafkaTemplate<String, byte[]> deadLetterTemplate, EventsProperties.Retry retry,
			EventsMetrics metrics) {
		this.deadLetterTemplate = deadLetterTemplate;
		this.retry = retry;
		this.metrics = metrics;
	}

	DefaultErrorHandler errorHandler(String metricsGroup) {
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(
				this.retry.getMaxAttempts() - 1);
		backOff.setInitialInterval(this.retry.getInitialInterval().toMillis());
		backOff.setMultiplier(this.retry.getMultiplier());
		backOff.setMaxInterval(this.retry.getMaxInterval().toMillis());
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.deadLetterTemplate,
				this::deadLetterPartition);
		// Each request of the consumer waits behind its pending fetch, which the broker
		// holds for up to fetch.max.wait.ms once the consumer is caught up. The
		// recoverer's own check of the partition (deadLetterPartition picks one the topic
		// has, from the producer's cached metadata) and a seek after each failure (the
		// records polled are kept instead) would each cost such a wait per dead letter: a
		// burst of poison pills crawled at a few records a second.
		recoverer.setVerifyPartition(false);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.setSeekAfterError(false);
		handler.addNotRetryableExceptions(PoisonPillException.class, UnknownEventTypeException.class);
		this.retry.getNotRetryable().forEach(handler::addNotRetryableExceptions);
		handler.setBackOffFunction((record, failure) -> EventFailures.isDatabaseOutage(failure)
				? new FixedBackOff(this.retry.getMaxInterval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS) : null);
		handler.setRetryListeners(new CountingRetryListener(metricsGroup));
		return handler;
	}

	/**
	 * The same partition of the dead-letter topic, or any partition when the dead-letter
	 * topic has fewer (it was created by the broker with its default count, say) rather
	 * than blocking the source partition.
	 */
	private TopicPartition deadLetterPartition(ConsumerRecord<?, ?> record, Exception failure) {
		String deadLetter = DeadLetterTopics.of(record.topic());
		int partitions = this.deadLetterTemplate.partitionsFor(deadLetter).size();
		return new TopicPartition(deadLetter, (record.partition() < partitions) ? record.partition() : -1);
	}

	/**
	 * Counts retries and dead-lettered records per type.
	 */
	private final class CountingRetryListener implements RetryListener {

		private final String groupId;

		CountingRetryListener(String groupId) {
			this.groupId = groupId;
		}

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
			if (deliveryAttempt < EventErrorHandlers.this.retry.getMaxAttempts() && isRetried(ex)) {
				EventErrorHandlers.this.metrics.retried(KafkaRecordEnvelope.typeOf(record), record.topic(),
						this.groupId);
			}
		}

		private boolean isRetried(Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return EventFailures.isRetried(cause, EventErrorHandlers.this.retry.getNotRetryable());
		}

		@Override
		public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			EventErrorHandlers.this.metrics.deadLettered(KafkaRecordEnvelope.typeOf(record), record.topic(),
					this.groupId, cause.getClass().getSimpleName());
		}

	}

}
