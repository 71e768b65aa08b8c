package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.microkit.testsupport.rabbitmq.RabbitMqServer;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Plain Spring AMQP for reading and writing raw messages in tests, and for removing what
 * a test declared on a broker that outlives it.
 */
final class RabbitTestSupport implements AutoCloseable {

	private final CachingConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final RabbitAdmin admin;

	private final List<String> queues = new ArrayList<>();

	private final List<String> exchanges = new ArrayList<>();

	RabbitTestSupport(RabbitMqServer server) {
		this.connectionFactory = new CachingConnectionFactory(server.host(), server.port());
		this.connectionFactory.setUsername(server.user());
		this.connectionFactory.setPassword(server.password());
		this.template = new RabbitTemplate(this.connectionFactory);
		this.admin = new RabbitAdmin(this.connectionFactory);
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A queue that receives a copy of everything published to a topic from now on.
	 * @return its name
	 */
	String tap(String topic) {
		this.admin.declareExchange(new org.springframework.amqp.core.TopicExchange(topic, true, false));
		Queue queue = new AnonymousQueue();
		this.admin.declareQueue(queue);
		this.admin.declareBinding(new Binding(queue.getName(), Binding.DestinationType.QUEUE, topic, "#", null));
		this.queues.add(queue.getName());
		return queue.getName();
	}

	/**
	 * Reads the messages of a queue until there are as many as expected or the time is
	 * up.
	 */
	List<Message> readAll(String queue, int expected, Duration timeout) {
		List<Message> messages = new ArrayList<>();
		long end = System.nanoTime() + timeout.toNanos();
		while (messages.size() < expected && System.nanoTime() < end) {
			Message message = this.template.receive(queue, 200);
			if (message != null) {
				messages.add(message);
			}
		}
		return messages;
	}

	boolean exists(String queue) {
		return this.admin.getQueueInfo(queue) != null;
	}

	int depth(String queue) {
		return this.admin.getQueueInfo(queue).getMessageCount();
	}

	void send(String exchange, String routingKey, Message message) {
		this.template.send(exchange, routingKey, message);
	}

	/**
	 * Removes the queues and exchanges of a topic and group when the test ends.
	 */
	void removeLater(String topic, String group) {
		this.queues.add(RabbitTopology.queue(topic, group));
		this.queues.add(RabbitTopology.deadLetterQueue(group));
		this.exchanges.add(topic);
		this.exchanges.add(RabbitTopology.deadLetterExchange(topic));
	}

	@Override
	public void close() {
		this.queues.forEach(this.admin::deleteQueue);
		this.exchanges.forEach(this.admin::deleteExchange);
		this.connectionFactory.destroy();
	}

}
