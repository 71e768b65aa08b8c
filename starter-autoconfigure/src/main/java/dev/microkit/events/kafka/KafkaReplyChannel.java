package dev.microkit.events.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset;

import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.PendingReplies;
import dev.microkit.events.ReplyChannel;

/**
 * The reply topic of this instance: {@code <group>.replies.<random id>}, one partition,
 * created on the first request and deleted when the application stops. A consumer of its
 * own reads it from the start with the partition assigned, not through a group, so a
 * reply that comes before the consumer's first poll is read all the same and no rebalance
 * ever delays one. Replies are kept an hour at most, should a crash leave the topic
 * behind.
 */
public class KafkaReplyChannel implements ReplyChannel, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(KafkaReplyChannel.class);

	private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

	private static final String RETENTION = String.valueOf(Duration.ofHours(1).toMillis());

	private final ConsumerFactory<String, byte[]> consumerFactory;

	private final KafkaAdmin admin;

	private final PendingReplies replies;

	private final String topic;

	private volatile KafkaMessageListenerContainer<String, byte[]> container;

	private volatile boolean running;

	public KafkaReplyChannel(ConsumerFactory<String, byte[]> consumerFactory, KafkaAdmin admin, PendingReplies replies,
			String group) {
		this.consumerFactory = consumerFactory;
		this.admin = admin;
		this.replies = replies;
		this.topic = group + ".replies." + UUID.randomUUID();
	}

	@Override
	public String address() {
		if (this.container == null) {
			open();
		}
		return this.topic;
	}

	private synchronized void open() {
		if (this.container != null) {
			return;
		}
		if (!this.running) {
			throw new IllegalStateException("Requests are sent only while the application runs");
		}
		this.admin.createOrModifyTopics(
				TopicBuilder.name(this.topic).partitions(1).config(TopicConfig.RETENTION_MS_CONFIG, RETENTION).build());
		ContainerProperties properties = new ContainerProperties(
				new TopicPartitionOffset(this.topic, 0, TopicPartitionOffset.SeekPosition.BEGINNING));
		properties.setGroupId(this.topic);
		properties.setMessageListener((MessageListener<String, byte[]>) this::onReply);
		KafkaMessageListenerContainer<String, byte[]> replies = new KafkaMessageListenerContainer<>(
				this.consumerFactory, properties);
		replies.setBeanName("microkit-events-replies");
		replies.start();
		this.container = replies;
	}

	private void onReply(ConsumerRecord<String, byte[]> record) {
		this.replies.accept(new KafkaRecordEnvelope(record).attribute(CloudEventAttributes.CORRELATION_ID),
				record.value());
	}

	/**
	 * The reply topic's name.
	 * @return the topic, whether or not it exists yet
	 */
	public String topic() {
		return this.topic;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		KafkaMessageListenerContainer<String, byte[]> replies = this.container;
		if (replies == null) {
			return;
		}
		replies.stop();
		this.container = null;
		deleteTopic();
	}

	private void deleteTopic() {
		Map<String, Object> configuration = new HashMap<>(this.admin.getConfigurationProperties());
		configuration.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
		configuration.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
		AdminClient client = AdminClient.create(configuration);
		try {
			client.deleteTopics(List.of(this.topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Reply topic " + this.topic + " was not deleted: " + ex.getMessage());
		}
		finally {
			// without a bound, close waits for the admin client's own retries
			client.close(Duration.ofSeconds(1));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
