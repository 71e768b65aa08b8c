package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import dev.microkit.events.AbstractReplyChannel;
import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.PendingReplies;

/**
 * The reply queue of this instance, which replies reach through the default exchange,
 * routed by the queue's name. The queue is not exclusive, so that it outlives a
 * reconnect, and expires an hour after its last consumer left, should a crash leave it
 * behind.
 */
public class RabbitReplyChannel extends AbstractReplyChannel {

	private static final Log logger = LogFactory.getLog(RabbitReplyChannel.class);

	private static final int EXPIRES = (int) Duration.ofHours(1).toMillis();

	private final ConnectionFactory connectionFactory;

	private final PendingReplies replies;

	private DirectMessageListenerContainer container;

	public RabbitReplyChannel(ConnectionFactory connectionFactory, PendingReplies replies, String group) {
		super(group);
		this.connectionFactory = connectionFactory;
		this.replies = replies;
	}

	@Override
	protected void open(String queue) {
		new RabbitAdmin(this.connectionFactory)
			.declareQueue(new Queue(queue, true, false, false, Map.of("x-expires", EXPIRES)));
		// one consumer on a channel of its own; each reply is handed over at once
		this.container = new DirectMessageListenerContainer(this.connectionFactory);
		this.container.setQueueNames(queue);
		this.container.setMessageListener((MessageListener) this::onReply);
		this.container.setBeanName("microkit-events-replies");
		this.container.afterPropertiesSet();
		this.container.start();
	}

	private void onReply(Message message) {
		this.replies.accept(AmqpCloudEvents.attribute(message.getMessageProperties().getHeaders(),
				CloudEventAttributes.CORRELATION_ID), message.getBody());
	}

	@Override
	protected void close(String queue) {
		this.container.stop();
		this.container.destroy();
		try {
			new RabbitAdmin(this.connectionFactory).deleteQueue(queue);
		}
		catch (RuntimeException ex) {
			logger.warn("Reply queue " + queue + " was not deleted: " + ex.getMessage());
		}
	}

}
