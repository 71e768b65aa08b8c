package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.PendingReplies;
import dev.microkit.events.ReplyChannel;

/**
 * The reply queue of this instance: {@code <group>.replies.<random id>}, declared on the
 * first request and deleted when the application stops. Replies reach it through the
 * default exchange, routed by the queue's name. The queue is not exclusive, so that it
 * outlives a reconnect, and expires an hour after its last consumer left, should a crash
 * leave it behind.
 */
public class RabbitReplyChannel implements ReplyChannel, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RabbitReplyChannel.class);

	private static final int EXPIRES = (int) Duration.ofHours(1).toMillis();

	private final ConnectionFactory connectionFactory;

	private final PendingReplies replies;

	private final String queue;

	private volatile DirectMessageListenerContainer container;

	private volatile boolean running;

	public RabbitReplyChannel(ConnectionFactory connectionFactory, PendingReplies replies, String group) {
		this.connectionFactory = connectionFactory;
		this.replies = replies;
		this.queue = group + ".replies." + UUID.randomUUID();
	}

	@Override
	public String address() {
		if (this.container == null) {
			open();
		}
		return this.queue;
	}

	private synchronized void open() {
		if (this.container != null) {
			return;
		}
		if (!this.running) {
			throw new IllegalStateException("Requests are sent only while the application runs");
		}
		new RabbitAdmin(this.connectionFactory)
			.declareQueue(new Queue(this.queue, true, false, false, Map.of("x-expires", EXPIRES)));
		// one consumer on a channel of its own; each reply is handed over at once
		DirectMessageListenerContainer replies = new DirectMessageListenerContainer(this.connectionFactory);
		replies.setQueueNames(this.queue);
		replies.setMessageListener((MessageListener) this::onReply);
		replies.setBeanName("microkit-events-replies");
		replies.afterPropertiesSet();
		replies.start();
		this.container = replies;
	}

	private void onReply(Message message) {
		this.replies.accept(AmqpCloudEvents.attribute(message.getMessageProperties().getHeaders(),
				CloudEventAttributes.CORRELATION_ID), message.getBody());
	}

	/**
	 * The reply queue's name.
	 * @return the queue, whether or not it exists yet
	 */
	public String queue() {
		return this.queue;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		DirectMessageListenerContainer replies = this.container;
		if (replies == null) {
			return;
		}
		replies.stop();
		replies.destroy();
		this.container = null;
		try {
			new RabbitAdmin(this.connectionFactory).deleteQueue(this.queue);
		}
		catch (RuntimeException ex) {
			logger.warn("Reply queue " + this.queue + " was not deleted: " + ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
