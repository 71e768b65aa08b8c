package dev.microkit.events.rabbitmq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.microkit.events.Delivery;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.listener.EventDispatcher;
import dev.microkit.events.listener.EventDispatchers;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.listener.EventSubscriptions;
import dev.microkit.events.listener.EventSubscriptions.Subscription;
import dev.microkit.events.observation.EventObservations;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.retry.RetryContext;
import org.springframework.retry.support.RetrySynchronizationManager;

/**
 * Runs one Spring AMQP listener container per subscribed topic and delivery: competing
 * handlers share the group's durable queue, broadcast handlers get a queue of their own
 * per instance, deleted when the instance stops ({@link RabbitTopology}). The broker
 * pushes up to the prefetch count to each consumer; a delivery is acknowledged once
 * handled, retried in the consumer, or dead-lettered ({@link RabbitRetries}). The queues'
 * depths are gauges ({@link RabbitQueueDepths}).
 */
public class RabbitEventListeners implements EventListeners, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(RabbitEventListeners.class);

	private final EventSubscriptions subscriptions;

	private final ConnectionFactory connectionFactory;

	private final RabbitTopology topology;

	private final EventDispatchers dispatchers;

	private final RabbitRetries retries;

	private final EventsProperties properties;

	private final String group;

	private final RabbitQueueDepths depths;

	private final String instanceId = UUID.randomUUID().toString();

	// read by health checks on other threads while start and stop change it
	private final List<SimpleMessageListenerContainer> containers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private ApplicationContext applicationContext;

	public RabbitEventListeners(EventSubscriptions subscriptions, ConnectionFactory connectionFactory,
			RabbitTopology topology, EventDispatchers dispatchers, RabbitRetries retries, EventsProperties properties,
			String group, MeterRegistry meterRegistry) {
		this.subscriptions = subscriptions;
		this.connectionFactory = connectionFactory;
		this.topology = topology;
		this.dispatchers = dispatchers;
		this.retries = retries;
		this.properties = properties;
		this.group = group;
		this.depths = new RabbitQueueDepths(topology.admin(), meterRegistry);
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public synchronized void start() {
		List<Subscription> subscriptions = this.subscriptions.all();
		if (!subscriptions.isEmpty() && this.group == null) {
			throw new IllegalStateException(
					"@EventHandler methods need a consumer group: set spring.application.name or microkit.events.group");
		}
		this.running = true;
		for (Subscription subscription : subscriptions) {
			String queue = queueOf(subscription);
			try {
				this.topology.declareQueue(subscription.topic(), subscription.delivery(), this.group, queue);
			}
			catch (AmqpConnectException ex) {
				logger.warn("RabbitMQ did not answer (" + ex.getMessage() + "); queue '" + queue
						+ "' is declared when it does, and the listeners start consuming then");
			}
			this.containers.add(container(subscription, queue));
			this.depths.watch(queue, subscription.topic(), metricsGroupOf(subscription));
		}
		this.containers.forEach(SimpleMessageListenerContainer::start);
	}

	private String metricsGroupOf(Subscription subscription) {
		return (subscription.delivery() == Delivery.BROADCAST) ? this.group + "-broadcast" : this.group;
	}

	private String queueOf(Subscription subscription) {
		String queue = RabbitTopology.queue(subscription.topic(), this.group);
		return (subscription.delivery() == Delivery.BROADCAST) ? queue + ".broadcast." + this.instanceId : queue;
	}

	private SimpleMessageListenerContainer container(Subscription subscription, String queue) {
		boolean broadcast = subscription.delivery() == Delivery.BROADCAST;
		String dispatchGroup = broadcast ? this.group + "-broadcast-" + this.instanceId : this.group;
		String metricsGroup = metricsGroupOf(subscription);
		EventDispatcher dispatcher = this.dispatchers.dispatcher(subscription, dispatchGroup, metricsGroup);
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(queue);
		container.setConcurrentConsumers(this.properties.getConcurrency());
		container.setPrefetchCount(this.properties.getRabbitmq().getPrefetch());
		// what fails after its retries is republished to the dead letters, never requeued
		container.setDefaultRequeueRejected(false);
		container.setAdviceChain(this.retries.interceptor(subscription.topic(), this.group, metricsGroup));
		container.setMessageListener((MessageListener) (message) -> {
			RetryContext retry = RetrySynchronizationManager.getContext();
			if (retry != null) {
				retry.setAttribute(RabbitRetries.MESSAGE, message);
			}
			dispatcher.dispatch(new AmqpMessageEnvelope(message));
		});
		container.setObservationEnabled(EventObservations.enabled(this.properties, this.applicationContext));
		if (this.applicationContext != null) {
			// the container finds the observation registry in the context
			container.setApplicationContext(this.applicationContext);
			container.setApplicationEventPublisher(this.applicationContext);
		}
		String name = "microkit-events-" + subscription.topic() + "-" + (broadcast ? "broadcast" : this.group);
		container.setBeanName(name);
		container.setListenerId(name);
		container.afterPropertiesSet();
		return container;
	}

	@Override
	public synchronized void stop() {
		this.depths.close();
		this.containers.forEach(SimpleMessageListenerContainer::stop);
		this.containers.forEach(SimpleMessageListenerContainer::destroy);
		this.containers.clear();
		try {
			this.topology.deleteBroadcastQueues();
		}
		catch (RuntimeException ex) {
			logger.info("Could not delete this instance's broadcast queues; RabbitMQ deletes them a minute after "
					+ "their consumers are gone", ex);
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether every container has a consumer on its queue, so that a broadcast handler
	 * receives what is published from now on.
	 */
	@Override
	public boolean isAssigned() {
		return this.running && this.containers.stream().allMatch((container) -> container.getActiveConsumerCount() > 0);
	}

	@Override
	public String waitingForBroker() {
		return null;
	}

	@Override
	public Map<String, Boolean> containerStates() {
		Map<String, Boolean> states = new LinkedHashMap<>();
		this.containers.forEach((container) -> states.put(container.getListenerId(), container.isRunning()));
		return states;
	}

	@Override
	public String transport() {
		return "rabbitmq";
	}

}
