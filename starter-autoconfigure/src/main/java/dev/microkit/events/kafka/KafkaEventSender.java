package dev.microkit.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import dev.microkit.events.CloudEventHeaders;
import dev.microkit.events.EventSender;
import dev.microkit.events.OutgoingEvent;
import dev.microkit.events.PublishedEvent;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends events as Kafka records in the CloudEvents Kafka binding's binary mode: the
 * attributes as {@code ce_} headers, the entity id as the record key (so one entity's
 * events share a partition and stay in order), the JSON data as the value.
 */
public class KafkaEventSender implements EventSender {

	private static final long DEFAULT_BATCH_BYTES = 16_384;

	private final KafkaTemplate<String, byte[]> template;

	public KafkaEventSender(KafkaTemplate<String, byte[]> template) {
		this.template = template;
	}

	@Override
	public CompletableFuture<PublishedEvent> send(OutgoingEvent event) {
		return this.template.send(toRecord(event)).thenApply((result) -> {
			RecordMetadata metadata = result.getRecordMetadata();
			return new PublishedEvent(event.id(), event.type(), event.key(), event.topic(), metadata.partition(),
					metadata.offset());
		});
	}

	@Override
	public void prepare(Collection<String> topics) {
		topics.forEach(this.template::partitionsFor);
	}

	// The producer gathers a partition's records into batches of batch.size bytes, and a
	// batch that waits longer than delivery.timeout.ms for a broker fails on its own: the
	// batch after it may still get through. Half a batch under way at a time fits in one.
	@Override
	public long inOrderBytes() {
		Object configured = this.template.getProducerFactory()
			.getConfigurationProperties()
			.get(ProducerConfig.BATCH_SIZE_CONFIG);
		long batchBytes = (configured != null) ? Long.parseLong(configured.toString()) : DEFAULT_BATCH_BYTES;
		return Math.max(1, batchBytes / 2);
	}

	// Kafka marks the errors worth retrying; anything else (record too large, invalid
	// topic, not authorized) will fail again however often it is sent.
	@Override
	public boolean isPermanent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RetriableException || cause instanceof TimeoutException
					|| cause instanceof org.apache.kafka.common.errors.TimeoutException) {
				return false;
			}
			if (cause instanceof ApiException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	@Override
	public String transport() {
		return "kafka";
	}

	/**
	 * The Kafka record of an event in CloudEvents binary mode.
	 * @param event the event
	 * @return the record
	 */
	public static ProducerRecord<String, byte[]> toRecord(OutgoingEvent event) {
		RecordHeaders headers = new RecordHeaders();
		header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
		header(headers, CloudEventHeaders.ID, event.id());
		header(headers, CloudEventHeaders.TYPE, event.type());
		header(headers, CloudEventHeaders.SOURCE, event.source());
		header(headers, CloudEventHeaders.TIME, event.timeAttribute());
		header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
		event.extensions().forEach((name, value) -> header(headers, CloudEventHeaders.PREFIX + name, value));
		return new ProducerRecord<>(event.topic(), null, event.key(), event.data(), headers);
	}

	private static void header(RecordHeaders headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
