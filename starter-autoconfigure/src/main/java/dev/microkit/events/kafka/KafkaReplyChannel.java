package dev.microkit.events.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset;

import dev.microkit.events.AbstractReplyChannel;
import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.PendingReplies;

/**
 * The reply topic of this instance, with one partition. A consumer of its own reads it
 * from the start with the partition assigned, not through a group, so a reply that comes
 * before the consumer's first poll is read all the same and no rebalance ever delays one.
 * Replies are kept an hour at most, should a crash leave the topic behind.
 */
public class KafkaReplyChannel extends AbstractReplyChannel {

	private static final Log logger = LogFactory.getLog(KafkaReplyChannel.class);

	private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

	private static final String RETENTION = String.valueOf(Duration.ofHours(1).toMillis());

	private final ConsumerFactory<String, byte[]> consumerFactory;

	private final KafkaAdmin admin;

	private final PendingReplies replies;

	private KafkaMessageListenerContainer<String, byte[]> container;

	public KafkaReplyChannel(ConsumerFactory<String, byte[]> consumerFactory, KafkaAdmin admin, PendingReplies replies,
			String group) {
		super(group);
		this.consumerFactory = consumerFactory;
		this.admin = admin;
		this.replies = replies;
	}

	@Override
	protected void open(String topic) {
		this.admin.createOrModifyTopics(
				TopicBuilder.name(topic).partitions(1).config(TopicConfig.RETENTION_MS_CONFIG, RETENTION).build());
		ContainerProperties properties = new ContainerProperties(
				new TopicPartitionOffset(topic, 0, TopicPartitionOffset.SeekPosition.BEGINNING));
		properties.setGroupId(topic);
		properties.setMessageListener((MessageListener<String, byte[]>) this::onReply);
		this.container = new KafkaMessageListenerContainer<>(this.consumerFactory, properties);
		this.container.setBeanName("microkit-events-replies");
		this.container.start();
	}

	private void onReply(ConsumerRecord<String, byte[]> record) {
		this.replies.accept(new KafkaRecordEnvelope(record).attribute(CloudEventAttributes.CORRELATION_ID),
				record.value());
	}

	@Override
	protected void close(String topic) {
		this.container.stop();
		try (BoundedAdminClient client = new BoundedAdminClient(this.admin, ADMIN_TIMEOUT)) {
			client.client().deleteTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Reply topic " + topic + " was not deleted: " + ex.getMessage());
		}
	}

}
