package dev.microkit.benchmarks.events;

import java.util.Map;

import dev.microkit.testsupport.rabbitmq.RabbitMqServer;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The exchanges and queues the RabbitMQ benchmarks use on a broker that outlives them:
 * removed before, so that no backlog of an earlier run is measured, and after. The
 * publisher's topic has no handler; a sink queue, capped and not durable, gives its
 * messages a route, as a consumer's queue would.
 */
final class BenchmarkQueues implements AutoCloseable {

	static final String GROUP = "events-benchmark";

	static final Map<String, String> TOPICS = Map.of(RabbitPublisherThroughput.TYPE, "bench-rabbit-published",
			LatencyHandlers.PLAIN, "bench-latency-plain", LatencyHandlers.STORED, "bench-latency-stored",
			LatencyHandlers.OUTBOXED, "bench-latency-outboxed", ReplyingHandlers.TYPE, "bench-request-reply");

	private static final int SINK_LENGTH = 10_000;

	private final CachingConnectionFactory connectionFactory;

	private final RabbitAdmin admin;

	BenchmarkQueues(RabbitMqServer server) {
		this.connectionFactory = new CachingConnectionFactory(server.host(), server.port());
		this.connectionFactory.setUsername(server.user());
		this.connectionFactory.setPassword(server.password());
		this.admin = new RabbitAdmin(this.connectionFactory);
		removeAll();
	}

	/**
	 * Gives the topic of a type without handlers a queue to route to.
	 */
	void sink(String type) {
		String topic = TOPICS.get(type);
		this.admin.declareExchange(new TopicExchange(topic, true, false));
		Queue sink = new Queue(sinkOf(topic), false, false, false,
				Map.of("x-max-length", SINK_LENGTH, "x-overflow", "drop-head"));
		this.admin.declareQueue(sink);
		this.admin.declareBinding(new Binding(sink.getName(), Binding.DestinationType.QUEUE, topic, "#", null));
	}

	private static String sinkOf(String topic) {
		return topic + ".sink";
	}

	private void removeAll() {
		for (String topic : TOPICS.values()) {
			this.admin.deleteQueue(topic + "." + GROUP);
			this.admin.deleteQueue(sinkOf(topic));
			this.admin.deleteExchange(topic);
			this.admin.deleteExchange(topic + ".dlx");
		}
		this.admin.deleteQueue(GROUP + ".dlq");
	}

	@Override
	public void close() {
		removeAll();
		this.connectionFactory.destroy();
	}

}
