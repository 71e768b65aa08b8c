package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Gauges of the messages waiting in the application's queues, RabbitMQ's counterpart of
 * Kafka's consumer lag: {@code microkit.events.queue.depth} (ready messages) and
 * {@code microkit.events.queue.consumers}, per queue, read with a passive declare every
 * few seconds on a thread of their own, so that a scrape never waits for the broker.
 * While the broker does not answer they report NaN.
 */
final class RabbitQueueDepths implements AutoCloseable {

	static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(RabbitQueueDepths.class);

	private final AmqpAdmin admin;

	private final MeterRegistry registry;

	private final Map<String, Figures> queues = new ConcurrentHashMap<>();

	private final List<Meter> meters = new ArrayList<>();

	private ScheduledExecutorService refresher;

	RabbitQueueDepths(AmqpAdmin admin, MeterRegistry registry) {
		this.admin = admin;
		this.registry = registry;
	}

	/**
	 * Adds the gauges of a queue.
	 */
	synchronized void watch(String queue, String topic, String group) {
		Figures figures = new Figures();
		this.queues.put(queue, figures);
		this.meters.add(Gauge.builder("microkit.events.queue.depth", figures, (f) -> f.depth)
			.description("Messages ready in the queue, not yet delivered to a consumer")
			.tags("queue", queue, "topic", topic, "group", group, "transport", "rabbitmq")
			.register(this.registry));
		this.meters.add(Gauge.builder("microkit.events.queue.consumers", figures, (f) -> f.consumers)
			.description("Consumers of the queue, of every instance")
			.tags("queue", queue, "topic", topic, "group", group, "transport", "rabbitmq")
			.register(this.registry));
		if (this.refresher == null) {
			this.refresher = Executors
				.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("microkit-rabbitmq-queue-depths-"));
			this.refresher.scheduleWithFixedDelay(this::refresh, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	void refresh() {
		this.queues.forEach((queue, figures) -> {
			try {
				QueueInformation information = this.admin.getQueueInfo(queue);
				figures.depth = (information != null) ? information.getMessageCount() : Double.NaN;
				figures.consumers = (information != null) ? information.getConsumerCount() : Double.NaN;
			}
			catch (RuntimeException ex) {
				figures.depth = Double.NaN;
				figures.consumers = Double.NaN;
				logger.debug("Could not read the depth of queue " + queue, ex);
			}
		});
	}

	@Override
	public synchronized void close() {
		if (this.refresher != null) {
			this.refresher.shutdownNow();
			this.refresher = null;
		}
		this.meters.forEach(this.registry::remove);
		this.meters.clear();
		this.queues.clear();
	}

	private static final class Figures {

		private volatile double depth = Double.NaN;

		private volatile double consumers = Double.NaN;

	}

}
