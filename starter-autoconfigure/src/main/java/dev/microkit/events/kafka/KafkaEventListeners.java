package dev.microkit.events.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

import dev.microkit.events.Delivery;
import dev.microkit.events.listener.EventDispatcher;
import dev.microkit.events.listener.EventDispatchers;
import dev.microkit.events.listener.EventListeners;
import dev.microkit.events.listener.EventSubscriptions;
import dev.microkit.events.listener.EventSubscriptions.Subscription;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.observation.EventObservations;
import dev.microkit.events.observation.EventsObservationConventions;

/**
 * Runs one listener container per subscribed topic and delivery: competing handlers share
 * the application's consumer group; broadcast handlers get a group of their own per
 * instance that starts at the latest offset and is deleted when the instance stops.
 */
public class KafkaEventListeners implements EventListeners, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(KafkaEventListeners.class);

	private final EventSubscriptions subscriptions;

	private final ConsumerFactory<String, byte[]> consumerFactory;

	private final KafkaAdmin admin;

	private final EventDispatchers dispatchers;

	private final EventErrorHandlers errorHandlers;

	private final EventsProperties properties;

	private final String group;

	private final String instanceId = UUID.randomUUID().toString();

	// read by health checks on other threads while start and stop change it
	private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new CopyOnWriteArrayList<>();

	private final List<String> broadcastGroups = new ArrayList<>();

	private volatile boolean running;

	private volatile BrokerWait brokerWait;

	private final Map<String, AtomicBoolean> assigned = new ConcurrentHashMap<>();

	private ApplicationContext applicationContext;

	public KafkaEventListeners(EventSubscriptions subscriptions, ConsumerFactory<String, byte[]> consumerFactory,
			KafkaAdmin admin, EventDispatchers dispatchers, EventErrorHandlers errorHandlers,
			EventsProperties properties, String group) {
		this.subscriptions = subscriptions;
		this.consumerFactory = consumerFactory;
		this.admin = admin;
		this.dispatchers = dispatchers;
		this.errorHandlers = errorHandlers;
		this.properties = properties;
		this.group = group;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public synchronized void start() {
		List<Subscription> subscriptions = this.subscriptions.all();
		if (!subscriptions.isEmpty() && this.group == null) {
			throw new IllegalStateException("@EventHandler methods need a consumer group: set spring.application.name, "
					+ "spring.kafka.consumer.group-id or microkit.events.group");
		}
		this.running = true;
		if (subscriptions.isEmpty()) {
			return;
		}
		DeadLetterTopics deadLetterTopics = new DeadLetterTopics(this.admin);
		List<String> topics = subscriptions.stream().map(Subscription::topic).distinct().toList();
		try {
			deadLetterTopics.check(topics);
		}
		catch (KafkaUnreachableException ex) {
			logger.warn(ex.getMessage() + ". The event listeners start once it answers (checked every "
					+ BrokerWait.INTERVAL.toSeconds() + " s); until then this instance is not ready.");
			this.brokerWait = BrokerWait.start(ex.getMessage(), () -> deadLetterTopics.check(topics),
					() -> startContainers(subscriptions));
			return;
		}
		startContainers(subscriptions);
	}

	private synchronized void startContainers(List<Subscription> subscriptions) {
		if (!this.running) {
			return;
		}
		subscriptions.forEach((subscription) -> this.containers.add(container(subscription)));
		this.containers.forEach(ConcurrentMessageListenerContainer::start);
	}

	@Override
	public String waitingForBroker() {
		BrokerWait wait = this.brokerWait;
		return (wait != null) ? wait.problem() : null;
	}

	private ConcurrentMessageListenerContainer<String, byte[]> container(Subscription subscription) {
		String groupId = groupId(subscription.delivery());
		String metricsGroup = (subscription.delivery() == Delivery.BROADCAST) ? this.group + "-broadcast" : groupId;
		ContainerProperties containerProperties = new ContainerProperties(subscription.topic());
		containerProperties.setGroupId(groupId);
		containerProperties.setObservationEnabled(EventObservations.enabled(this.properties, this.applicationContext));
		containerProperties.setObservationConvention(EventsObservationConventions.RECEIVE);
		if (this.applicationContext != null) {
			this.applicationContext.getBeanProvider(ObservationRegistry.class)
				.ifAvailable(containerProperties::setObservationRegistry);
		}
		EventDispatcher dispatcher = this.dispatchers.dispatcher(subscription, groupId, metricsGroup);
		containerProperties.setMessageListener(
				(MessageListener<String, byte[]>) (record) -> dispatcher.dispatch(new KafkaRecordEnvelope(record)));
		AtomicBoolean partitionsAssigned = new AtomicBoolean();
		this.assigned.put(groupId + "/" + subscription.topic(), partitionsAssigned);
		containerProperties.setConsumerRebalanceListener(new PositionResolvingRebalanceListener(partitionsAssigned));
		if (subscription.delivery() == Delivery.BROADCAST) {
			Properties overrides = new Properties();
			overrides.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
			containerProperties.setKafkaConsumerProperties(overrides);
			this.broadcastGroups.add(groupId);
		}
		ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(
				this.consumerFactory, containerProperties);
		container.setConcurrency(this.properties.getConcurrency());
		container.setCommonErrorHandler(this.errorHandlers.errorHandler(metricsGroup));
		if (this.applicationContext != null) {
			container.setApplicationContext(this.applicationContext);
			container.setApplicationEventPublisher(this.applicationContext);
		}
		container.setBeanName("microkit-events-" + subscription.topic() + "-" + groupId);
		return container;
	}

	private String groupId(Delivery delivery) {
		return (delivery == Delivery.BROADCAST) ? this.group + "-broadcast-" + this.instanceId : this.group;
	}

	@Override
	public void stop() {
		BrokerWait wait = this.brokerWait;
		if (wait != null) {
			wait.stop();
			this.brokerWait = null;
		}
		stopContainers();
	}

	private synchronized void stopContainers() {
		this.containers.forEach(ConcurrentMessageListenerContainer::stop);
		this.containers.clear();
		deleteBroadcastGroups();
		this.running = false;
	}

	private void deleteBroadcastGroups() {
		if (this.broadcastGroups.isEmpty()) {
			return;
		}
		try (AdminClient client = AdminClient.create(this.admin.getConfigurationProperties())) {
			client.deleteConsumerGroups(this.broadcastGroups).all().get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			logger.info("Could not delete broadcast consumer groups " + this.broadcastGroups
					+ "; Kafka removes them after offsets.retention.minutes", ex);
		}
		this.broadcastGroups.clear();
	}

	/**
	 * Whether every container has been assigned partitions, so that a broadcast handler
	 * receives what is published from now on.
	 * @return whether all subscriptions are assigned
	 */
	@Override
	public boolean isAssigned() {
		return this.running && waitingForBroker() == null
				&& this.assigned.values().stream().allMatch(AtomicBoolean::get);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The containers started, one per subscribed topic and delivery; none before
	 * {@link #start()} and after {@link #stop()}.
	 */
	List<ConcurrentMessageListenerContainer<String, byte[]>> containers() {
		return List.copyOf(this.containers);
	}

	@Override
	public Map<String, Boolean> containerStates() {
		Map<String, Boolean> states = new LinkedHashMap<>();
		// a concurrent container keeps running while one of its consumers has stopped
		this.containers.forEach((container) -> states.put(container.getBeanName(),
				container.isRunning() && container.isInExpectedState()));
		return states;
	}

	@Override
	public String transport() {
		return "kafka";
	}

	@Override
	public int getPhase() {
		// as spring-kafka's own containers: started late, stopped early
		return AbstractMessageListenerContainer.DEFAULT_PHASE;
	}

	/**
	 * Reports a container assigned only once the consumer knows where it reads from, so
	 * that a broadcast handler gets everything published after {@link #isAssigned()}.
	 */
	private static final class PositionResolvingRebalanceListener implements ConsumerAwareRebalanceListener {

		private final AtomicBoolean assigned;

		PositionResolvingRebalanceListener(AtomicBoolean assigned) {
			this.assigned = assigned;
		}

		@Override
		public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
			partitions.forEach(consumer::position);
			if (!partitions.isEmpty()) {
				this.assigned.set(true);
			}
		}

	}

}
