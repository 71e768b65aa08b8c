package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.microkit.events.Delivery;
import dev.microkit.events.EventsProperties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * The exchanges, queues and bindings of events on RabbitMQ, declared when first needed
 * and again on every new connection (a restarted broker forgets what was not durable).
 * <ul>
 * <li>a durable topic exchange per topic, named as the topic; the routing key is the
 * event type;</li>
 * <li>a competing group's durable queue {@code <topic>.<group>}, a quorum queue by
 * default, with single active consumer when ordered, bound with {@code #};</li>
 * <li>a broadcast queue per instance, {@code <topic>.<group>.broadcast.<instance>}, not
 * durable, deleted when the instance stops, or by RabbitMQ a minute after its last
 * consumer left;</li>
 * <li>dead letters: each queue dead-letters through the direct exchange
 * {@code <topic>.dlx} with its group as routing key into the durable queue
 * {@code <group>.dlq}.</li>
 * </ul>
 */
public class RabbitTopology implements ConnectionListener {

	private static final Log logger = LogFactory.getLog(RabbitTopology.class);

	/**
	 * How long a broadcast queue outlives its last consumer, such as an instance that
	 * crashed and never deleted it.
	 */
	static final Duration BROADCAST_EXPIRY = Duration.ofMinutes(1);

	private final AmqpAdmin admin;

	private final EventsProperties.Rabbitmq settings;

	private final Set<String> exchanges = ConcurrentHashMap.newKeySet();

	private final List<Queued> queues = new CopyOnWriteArrayList<>();

	public RabbitTopology(AmqpAdmin admin, ConnectionFactory connectionFactory, EventsProperties.Rabbitmq settings) {
		this.admin = admin;
		this.settings = settings;
		connectionFactory.addConnectionListener(this);
	}

	AmqpAdmin admin() {
		return this.admin;
	}

	/**
	 * The name of a competing group's queue on a topic.
	 */
	public static String queue(String topic, String group) {
		return topic + "." + group;
	}

	/**
	 * The name of the exchange a topic's queues dead-letter through.
	 */
	public static String deadLetterExchange(String topic) {
		return topic + ".dlx";
	}

	/**
	 * The name of a group's dead-letter queue.
	 */
	public static String deadLetterQueue(String group) {
		return group + ".dlq";
	}

	/**
	 * Declares a topic's exchange once, for publishing to it.
	 * @param topic the topic
	 */
	public void declareExchange(String topic) {
		if (!this.exchanges.contains(topic)) {
			this.admin.declareExchange(new TopicExchange(topic, true, false));
			this.exchanges.add(topic);
		}
	}

	/**
	 * Declares the queue a subscription consumes from, with its exchange, binding and
	 * dead letters, and declares them again on every new connection.
	 * @param topic the topic
	 * @param delivery competing or broadcast
	 * @param group the application's group
	 * @param queueName the queue
	 */
	void declareQueue(String topic, Delivery delivery, String group, String queueName) {
		Queued queued = new Queued(topic, delivery, group, queueName);
		// kept first: when the broker does not answer now, the next connection declares
		// it
		this.queues.add(queued);
		declare(queued);
	}

	/**
	 * Deletes the broadcast queues of this instance.
	 */
	void deleteBroadcastQueues() {
		for (Queued queued : this.queues) {
			if (queued.delivery() == Delivery.BROADCAST) {
				this.admin.deleteQueue(queued.queue());
			}
		}
		this.queues.clear();
	}

	@Override
	public void onCreate(Connection connection) {
		// the admin declares on a channel of its own, from the same connection
		this.exchanges.clear();
		try {
			this.queues.forEach(this::declare);
		}
		catch (AmqpException ex) {
			logger.error("Could not declare the event queues again on a new connection to RabbitMQ", ex);
		}
	}

	private void declare(Queued queued) {
		declareExchange(queued.topic());
		String deadLetterExchange = deadLetterExchange(queued.topic());
		this.admin.declareExchange(new DirectExchange(deadLetterExchange, true, false));
		Queue deadLetters = new Queue(deadLetterQueue(queued.group()), true, false, false, new HashMap<>(queueType()));
		this.admin.declareQueue(deadLetters);
		this.admin.declareBinding(
				BindingBuilder.bind(deadLetters).to(new DirectExchange(deadLetterExchange)).with(queued.group()));
		Queue queue = queue(queued, deadLetterExchange);
		this.admin.declareQueue(queue);
		this.admin
			.declareBinding(new Binding(queue.getName(), Binding.DestinationType.QUEUE, queued.topic(), "#", null));
	}

	private Queue queue(Queued queued, String deadLetterExchange) {
		Map<String, Object> arguments = new HashMap<>();
		arguments.put("x-dead-letter-exchange", deadLetterExchange);
		arguments.put("x-dead-letter-routing-key", queued.group());
		if (queued.delivery() == Delivery.BROADCAST) {
			// not auto-delete: a consumer that restarts on the same connection would find
			// it
			// gone; RabbitMQ deletes it once unused for a while, after a crash as well
			arguments.put("x-expires", (int) BROADCAST_EXPIRY.toMillis());
			return new Queue(queued.queue(), false, false, false, arguments);
		}
		arguments.putAll(queueType());
		if (this.settings.isOrdered()) {
			arguments.put("x-single-active-consumer", true);
		}
		return new Queue(queued.queue(), true, false, false, arguments);
	}

	private Map<String, Object> queueType() {
		return this.settings.isQuorumQueues() ? Map.of("x-queue-type", "quorum") : Map.of();
	}

	private record Queued(String topic, Delivery delivery, String group, String queue) {
	}

}
