package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.microkit.events.EventsTestApplication;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.testsupport.rabbitmq.RabbitMqServer;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Plain Spring AMQP for reading and writing raw messages in tests, and for removing what
 * a test declared on a broker that outlives it.
 */
final class RabbitTestSupport implements AutoCloseable {

	private final RabbitMqServer server;

	private final CachingConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final RabbitAdmin admin;

	private final List<String> queues = new ArrayList<>();

	private final List<String> exchanges = new ArrayList<>();

	RabbitTestSupport(RabbitMqServer server) {
		this.server = server;
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
	 * Runs the events test application on this broker as the given group, its idempotency
	 * store in memory, and waits until its listeners are bound.
	 * @param handlers more sources of the application, such as handler classes
	 * @param group the consumer group
	 * @param wait how long its listeners may take to be bound
	 * @param properties more properties, such as the routes
	 * @return the running application
	 */
	ConfigurableApplicationContext run(Class<?>[] handlers, String group, Duration wait, String... properties) {
		List<String> all = new ArrayList<>(List.of("microkit.events.transport=rabbitmq",
				"microkit.events.group=" + group, "microkit.events.idempotency.store=memory"));
		all.addAll(this.server.springProperties());
		all.addAll(List.of(properties));
		// Kafka's bootstrap servers are never reached: nothing of Kafka is used
		ConfigurableApplicationContext context = EventsTestApplication.run(handlers, "127.0.0.1:1",
				all.toArray(String[]::new));
		await().atMost(wait).until(context.getBean(EventListeners.class)::isAssigned);
		return context;
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
