package dev.microkit.events.autoconfigure;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

import dev.microkit.events.listener.EventHandlerRegistry;
import dev.microkit.events.listener.EventDispatchers;
import dev.microkit.events.listener.EventErrorHandlers;
import dev.microkit.events.listener.EventListenerContainers;
import dev.microkit.events.listener.EventSubscriptions;
import dev.microkit.events.observation.EventObservations;
import dev.microkit.events.observation.EventsObservationConventions;
import dev.microkit.events.listener.EventPayloadReader;
import dev.microkit.events.listener.EventPayloadValidator;
import dev.microkit.events.listener.BeanValidationEventPayloadValidator;
import dev.microkit.events.outbox.OutboxWriter;
import dev.microkit.events.outbox.OutboxRelay;
import dev.microkit.events.outbox.OutboxTracing;
import dev.microkit.events.outbox.MicrometerOutboxTracing;
import dev.microkit.events.idempotency.ProcessedEventStore;
import dev.microkit.events.idempotency.JdbcProcessedEventStore;
import dev.microkit.events.idempotency.MemoryProcessedEventStore;
import dev.microkit.events.idempotency.ProcessedEventsRetention;
import dev.microkit.events.EventHandler;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.TopicRouter;

/**
 * Auto-configuration of microkit events: an {@link EventPublisher} that writes
 * CloudEvents to Kafka, and listener containers that hand them to {@link EventHandler}
 * methods with retries, dead letters and idempotent handling. Its own producer, consumer
 * factory and template are no default candidates for injection, so they never compete
 * with the application's or Boot's Kafka beans.
 */
@AutoConfiguration(
		after = { KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class },
		afterName = { "org.springframework.boot.actuate.autoconfigure.tracing.BraveAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaAdmin.class)
@ConditionalOnBooleanProperty(name = "microkit.events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

	private static final String FALLBACK_NAME = "application";

	@Bean
	@ConditionalOnMissingBean
	EventsMetrics microkitEventsMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		return new EventsMetrics(meterRegistry.getIfAvailable(CompositeMeterRegistry::new));
	}

	@Bean
	@ConditionalOnMissingBean
	TopicRouter microkitTopicRouter(EventsProperties properties) {
		return new TopicRouter(properties.getRoutes());
	}

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

	@Bean
	@ConditionalOnMissingBean
	EventPublisher microkitEventPublisher(
			@Qualifier("microkitEventsKafkaTemplate") KafkaTemplate<String, byte[]> microkitEventsKafkaTemplate,
			ObjectProvider<ObjectMapper> objectMapper, TopicRouter router, EventsProperties properties,
			Environment environment, EventsMetrics metrics, ObjectProvider<OutboxWriter> outbox) {
		String source = (properties.getSource() != null) ? properties.getSource()
				: environment.getProperty("spring.application.name", FALLBACK_NAME);
		return new EventPublisher(microkitEventsKafkaTemplate, objectMapper.getIfAvailable(ObjectMapper::new), router,
				source, metrics, outbox.getIfAvailable());
	}

	@Bean
	static EventHandlerRegistry microkitEventHandlerRegistry() {
		return new EventHandlerRegistry();
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

	private static String firstText(String... candidates) {
		for (String candidate : candidates) {
			if (StringUtils.hasText(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxTracing microkitOutboxTracing() {
		return OutboxTracing.NONE;
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessedEventStore microkitProcessedEventStore(EventsProperties properties) {
		return switch (properties.getIdempotency().getStore()) {
			case NONE -> (group, id, handling) -> {
				handling.run();
				return true;
			};
			case JDBC -> throw new IllegalStateException("microkit.events.idempotency.store=jdbc needs a single "
					+ "DataSource and a PlatformTransactionManager (add spring-boot-starter-jdbc)");
			default -> new MemoryProcessedEventStore(properties.getIdempotency().getMemoryCapacity());
		};
	}

	@Bean
	@ConditionalOnMissingBean
	EventListenerContainers microkitEventListenerContainers(EventHandlerRegistry registry,
			@Qualifier("microkitEventsConsumerFactory") ConsumerFactory<String, byte[]> microkitEventsConsumerFactory,
			@Qualifier("microkitEventsKafkaTemplate") KafkaTemplate<String, byte[]> microkitEventsKafkaTemplate,
			KafkaAdmin admin, TopicRouter router, ObjectProvider<ObjectMapper> objectMapper,
			ObjectProvider<EventPayloadValidator> payloadValidator, ProcessedEventStore processedEvents,
			EventsProperties properties, Environment environment, EventsMetrics metrics) {
		String group = firstText(properties.getGroup(), environment.getProperty("spring.kafka.consumer.group-id"),
				environment.getProperty("spring.application.name"));
		EventPayloadReader payloads = new EventPayloadReader(objectMapper.getIfAvailable(ObjectMapper::new),
				payloadValidator.getIfAvailable(() -> EventPayloadValidator.NONE));
		return new EventListenerContainers(new EventSubscriptions(registry, router), microkitEventsConsumerFactory,
				admin, new EventDispatchers(payloads, processedEvents, properties.getUnknownTypes(), metrics),
				new EventErrorHandlers(microkitEventsKafkaTemplate, properties.getRetry(), metrics), properties, group);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.validation.Validator")
	static class BeanValidationConfiguration {

		@Bean
		EventPayloadValidator microkitEventPayloadValidator(ObjectProvider<jakarta.validation.Validator> validator) {
			jakarta.validation.Validator unique = validator.getIfUnique();
			return (unique != null) ? new BeanValidationEventPayloadValidator(unique) : EventPayloadValidator.NONE;
		}

	}

	// A member class, so that its store is registered before the fallback bean below.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	@ConditionalOnSingleCandidate(DataSource.class)
	@Conditional(JdbcStoreSelected.class)
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(PlatformTransactionManager.class)
		@ConditionalOnMissingBean(ProcessedEventStore.class)
		JdbcProcessedEventStore microkitJdbcProcessedEventStore(DataSource dataSource,
				PlatformTransactionManager transactionManager) {
			return new JdbcProcessedEventStore(new JdbcTemplate(dataSource), transactionManager, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnBean(JdbcProcessedEventStore.class)
		ProcessedEventsRetention microkitProcessedEventsRetention(JdbcProcessedEventStore store,
				EventsProperties properties) {
			return new ProcessedEventsRetention(store, properties.getIdempotency().getRetention());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	@ConditionalOnSingleCandidate(DataSource.class)
	@Conditional(TablesNeeded.class)
	static class SchemaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EventsDataSourceScriptDatabaseInitializer microkitEventsDataSourceInitializer(DataSource dataSource,
				EventsProperties properties) {
			return new EventsDataSourceScriptDatabaseInitializer(dataSource, properties.getJdbc());
		}

	}

	/**
	 * The tables are needed by the database store of handled events or by the outbox.
	 */
	static class TablesNeeded extends AnyNestedCondition {

		TablesNeeded() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@Conditional(JdbcStoreSelected.class)
		static class Store {

		}

		@ConditionalOnBooleanProperty("microkit.events.outbox.enabled")
		static class Outbox {

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	@ConditionalOnSingleCandidate(DataSource.class)
	@ConditionalOnBooleanProperty("microkit.events.outbox.enabled")
	static class OutboxConfiguration {

		/**
		 * Kafka batch size of the relay's producer, unless Boot's is larger: a request to
		 * a broker with three partitions stays below Kafka's default 1 MiB request size.
		 */
		private static final int RELAY_BATCH_BYTES = 256 * 1024;

		@Bean
		@ConditionalOnSingleCandidate(PlatformTransactionManager.class)
		@ConditionalOnMissingBean
		OutboxWriter microkitOutboxWriter(DataSource dataSource, OutboxTracing tracing) {
			return new OutboxWriter(new JdbcTemplate(dataSource), tracing, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnSingleCandidate(PlatformTransactionManager.class)
		@ConditionalOnMissingBean
		OutboxRelay microkitOutboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
				@Qualifier("microkitEventsProducerFactory") DefaultKafkaProducerFactory<String, byte[]> microkitEventsProducerFactory,
				EventsProperties properties, OutboxTracing tracing, EventsMetrics metrics,
				ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<ObservationRegistry> observationRegistry,
				ListableBeanFactory beans) {
			EventsProperties.Outbox outbox = properties.getOutbox();
			KafkaTemplate<String, byte[]> template = relayTemplate(microkitEventsProducerFactory, outbox,
					EventObservations.enabled(properties, beans));
			observationRegistry.ifAvailable(template::setObservationRegistry);
			return new OutboxRelay(new JdbcTemplate(dataSource), transactionManager, template, outbox, tracing, metrics,
					meterRegistry.getIfAvailable(CompositeMeterRegistry::new), Clock.systemUTC());
		}

		// A relay send must give up within the send timeout while the broker is away, as
		// the relay holds a database transaction open meanwhile. It sends a whole batch
		// at once and waits for all of it: batches of Kafka's default 16 KiB would split
		// it into more requests than the idempotent producer keeps in flight.
		private static KafkaTemplate<String, byte[]> relayTemplate(DefaultKafkaProducerFactory<String, byte[]> factory,
				EventsProperties.Outbox outbox, boolean observations) {
			long timeout = outbox.getSendTimeout().toMillis();
			Map<String, Object> overrides = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
					ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout / 2),
					ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout, ProducerConfig.LINGER_MS_CONFIG, 0,
					ProducerConfig.BATCH_SIZE_CONFIG, relayBatchBytes(factory));
			KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(
					factory.copyWithConfigurationOverride(overrides));
			template.setObservationEnabled(observations);
			template.setObservationConvention(EventsObservationConventions.SEND);
			return template;
		}

		private static int relayBatchBytes(DefaultKafkaProducerFactory<String, byte[]> factory) {
			Object configured = factory.getConfigurationProperties().get(ProducerConfig.BATCH_SIZE_CONFIG);
			int bytes = (configured != null) ? Integer.parseInt(configured.toString()) : 0;
			return Math.max(bytes, RELAY_BATCH_BYTES);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	@ConditionalOnBean({ Tracer.class, Propagator.class })
	static class OutboxTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OutboxTracing microkitMicrometerOutboxTracing(Tracer tracer, Propagator propagator) {
			return new MicrometerOutboxTracing(tracer, propagator);
		}

	}

	/**
	 * The database store when it is asked for, or by default.
	 */
	static class JdbcStoreSelected extends AnyNestedCondition {

		JdbcStoreSelected() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnProperty(name = "microkit.events.idempotency.store", havingValue = "jdbc")
		static class Jdbc {

		}

		@ConditionalOnProperty(name = "microkit.events.idempotency.store", havingValue = "auto", matchIfMissing = true)
		static class Auto {

		}

	}

}
