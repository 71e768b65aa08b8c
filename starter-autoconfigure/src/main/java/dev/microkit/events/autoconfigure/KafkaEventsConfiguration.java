package dev.microkit.events.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;

import dev.microkit.events.EventSender;
import dev.microkit.events.PendingReplies;
import dev.microkit.events.ReplyChannel;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.kafka.EventErrorHandlers;
import dev.microkit.events.kafka.KafkaEventListeners;
import dev.microkit.events.kafka.KafkaEventSender;
import dev.microkit.events.kafka.KafkaProducerWarmUp;
import dev.microkit.events.kafka.KafkaReplyChannel;
import dev.microkit.events.listener.EventDispatchers;
import dev.microkit.events.listener.EventSubscriptions;
import dev.microkit.events.observation.EventObservations;
import dev.microkit.events.observation.EventsObservationConventions;

/**
 * Events over Kafka, the default transport: spring-kafka's producer and consumer
 * factories from Boot's, made for CloudEvents records. Its own producer, consumer factory
 * and template are no default candidates for injection, so they never compete with the
 * application's or Boot's Kafka beans.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaAdmin.class)
@ConditionalOnProperty(name = "microkit.events.transport", havingValue = "kafka", matchIfMissing = true)
class KafkaEventsConfiguration {

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "microkitEventsProducerFactory")
	DefaultKafkaProducerFactory<String, byte[]> microkitEventsProducerFactory(
			DefaultKafkaProducerFactory<?, ?> bootProducerFactory, ObjectProvider<MeterRegistry> meterRegistry) {
		Map<String, Object> configs = new HashMap<>(bootProducerFactory.getConfigurationProperties());
		configs.put(ProducerConfig.ACKS_CONFIG, "all");
		configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(configs,
				new StringSerializer(), new ByteArraySerializer());
		meterRegistry.ifAvailable((registry) -> factory.addListener(new MicrometerProducerListener<>(registry)));
		return factory;
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "microkitEventsKafkaTemplate")
	KafkaTemplate<String, byte[]> microkitEventsKafkaTemplate(
			@Qualifier("microkitEventsProducerFactory") DefaultKafkaProducerFactory<String, byte[]> microkitEventsProducerFactory,
			EventsProperties properties, ListableBeanFactory beans) {
		KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(microkitEventsProducerFactory);
		template.setObservationEnabled(EventObservations.enabled(properties, beans));
		template.setObservationConvention(EventsObservationConventions.SEND);
		return template;
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "microkitEventSender")
	EventSender microkitEventSender(
			@Qualifier("microkitEventsKafkaTemplate") KafkaTemplate<String, byte[]> microkitEventsKafkaTemplate) {
		return new KafkaEventSender(microkitEventsKafkaTemplate);
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "microkitEventsConsumerFactory")
	ConsumerFactory<String, byte[]> microkitEventsConsumerFactory(DefaultKafkaConsumerFactory<?, ?> bootConsumerFactory,
			ObjectProvider<MeterRegistry> meterRegistry) {
		Map<String, Object> configs = new HashMap<>(bootConsumerFactory.getConfigurationProperties());
		// a new competing group reads what was published before it first started
		configs.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(configs,
				new StringDeserializer(), new ByteArrayDeserializer());
		meterRegistry.ifAvailable((registry) -> factory.addListener(new MicrometerConsumerListener<>(registry)));
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaEventListeners microkitKafkaEventListeners(EventSubscriptions subscriptions,
			@Qualifier("microkitEventsConsumerFactory") ConsumerFactory<String, byte[]> microkitEventsConsumerFactory,
			@Qualifier("microkitEventsKafkaTemplate") KafkaTemplate<String, byte[]> microkitEventsKafkaTemplate,
			KafkaAdmin admin, EventDispatchers dispatchers, EventsProperties properties, Environment environment,
			EventsMetrics metrics) {
		String group = EventGroups.of(properties, environment, "spring.kafka.consumer.group-id");
		return new KafkaEventListeners(subscriptions, microkitEventsConsumerFactory, admin, dispatchers,
				new EventErrorHandlers(microkitEventsKafkaTemplate, properties.getRetry(), metrics), properties, group);
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaProducerWarmUp microkitKafkaProducerWarmUp(
			@Qualifier("microkitEventsProducerFactory") DefaultKafkaProducerFactory<String, byte[]> microkitEventsProducerFactory,
			@Qualifier("microkitOutboxProducerFactory") ObjectProvider<ProducerFactory<String, byte[]>> microkitOutboxProducerFactory,
			ObjectProvider<KafkaAdmin> admin) {
		List<ProducerFactory<?, ?>> factories = new ArrayList<>(List.of(microkitEventsProducerFactory));
		microkitOutboxProducerFactory.ifAvailable(factories::add);
		return new KafkaProducerWarmUp(factories, admin.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean(ReplyChannel.class)
	KafkaReplyChannel microkitKafkaReplyChannel(
			@Qualifier("microkitEventsConsumerFactory") ConsumerFactory<String, byte[]> microkitEventsConsumerFactory,
			KafkaAdmin admin, PendingReplies replies, EventsProperties properties, Environment environment) {
		String group = EventGroups.of(properties, environment, "spring.kafka.consumer.group-id");
		KafkaReplyChannel channel = new KafkaReplyChannel(microkitEventsConsumerFactory, admin, replies, group);
		channel.setOpenAtStart(properties.getReplies().isOpenAtStart());
		return channel;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("microkit.events.outbox.enabled")
	static class KafkaOutboxConfiguration {

		/**
		 * Kafka batch size of the relay's producer, unless Boot's is larger: a request to
		 * a broker with three partitions stays below Kafka's default 1 MiB request size.
		 */
		private static final int RELAY_BATCH_BYTES = 256 * 1024;

		// A relay send must give up within the send timeout while the broker is away, as
		// the relay holds a database transaction open meanwhile. It sends a whole batch
		// at once and waits for all of it: batches of Kafka's default 16 KiB would split
		// it into more requests than the idempotent producer keeps in flight.
		@Bean(defaultCandidate = false)
		@ConditionalOnMissingBean(name = "microkitOutboxProducerFactory")
		ProducerFactory<String, byte[]> microkitOutboxProducerFactory(
				@Qualifier("microkitEventsProducerFactory") DefaultKafkaProducerFactory<String, byte[]> microkitEventsProducerFactory,
				EventsProperties properties) {
			long timeout = properties.getOutbox().getSendTimeout().toMillis();
			Map<String, Object> overrides = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
					ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout / 2),
					ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout, ProducerConfig.LINGER_MS_CONFIG, 0,
					ProducerConfig.BATCH_SIZE_CONFIG, relayBatchBytes(microkitEventsProducerFactory));
			return microkitEventsProducerFactory.copyWithConfigurationOverride(overrides);
		}

		@Bean(defaultCandidate = false)
		@ConditionalOnMissingBean(name = "microkitOutboxEventSender")
		EventSender microkitOutboxEventSender(
				@Qualifier("microkitOutboxProducerFactory") ProducerFactory<String, byte[]> microkitOutboxProducerFactory,
				EventsProperties properties, ObjectProvider<ObservationRegistry> observationRegistry,
				ListableBeanFactory beans) {
			KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(microkitOutboxProducerFactory);
			template.setObservationEnabled(EventObservations.enabled(properties, beans));
			template.setObservationConvention(EventsObservationConventions.SEND);
			observationRegistry.ifAvailable(template::setObservationRegistry);
			return new KafkaEventSender(template);
		}

		private static int relayBatchBytes(DefaultKafkaProducerFactory<String, byte[]> factory) {
			Object configured = factory.getConfigurationProperties().get(ProducerConfig.BATCH_SIZE_CONFIG);
			int bytes = (configured != null) ? Integer.parseInt(configured.toString()) : 0;
			return Math.max(bytes, RELAY_BATCH_BYTES);
		}

	}

}
