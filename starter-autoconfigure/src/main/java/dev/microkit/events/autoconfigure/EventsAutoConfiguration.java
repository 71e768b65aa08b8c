package dev.microkit.events.autoconfigure;

import java.time.Clock;
import java.util.Locale;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

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
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.microkit.events.listener.EventHandlerRegistry;
import dev.microkit.events.listener.EventDispatchers;
import dev.microkit.events.listener.EventPayloadReader;
import dev.microkit.events.listener.EventSubscriptions;
import dev.microkit.events.listener.EventPayloadValidator;
import dev.microkit.events.listener.BeanValidationEventPayloadValidator;
import dev.microkit.events.outbox.OutboxWriter;
import dev.microkit.events.outbox.OutboxRelay;
import dev.microkit.events.outbox.OutboxTracing;
import dev.microkit.events.outbox.OutboxWakeUps;
import dev.microkit.events.outbox.MicrometerOutboxTracing;
import dev.microkit.events.idempotency.ProcessedEventStore;
import dev.microkit.events.idempotency.JdbcProcessedEventStore;
import dev.microkit.events.idempotency.MemoryProcessedEventStore;
import dev.microkit.events.idempotency.ProcessedEventsRetention;
import dev.microkit.events.EventHandler;
import dev.microkit.events.EventPublisher;
import dev.microkit.events.PendingReplies;
import dev.microkit.events.ReplyChannel;
import dev.microkit.events.EventSender;
import dev.microkit.events.ProducerIdentity;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.TopicRouter;

/**
 * Auto-configuration of microkit events: an {@link EventPublisher} that writes
 * CloudEvents to the broker, and listener containers that hand them to
 * {@link EventHandler} methods with retries, dead letters and idempotent handling. The
 * broker is Kafka or RabbitMQ, as {@code microkit.events.transport} says
 * ({@link KafkaEventsConfiguration}, {@link RabbitEventsConfiguration}); everything else
 * is the same on both.
 */
@AutoConfiguration(
		after = { KafkaAutoConfiguration.class, RabbitAutoConfiguration.class, JacksonAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class },
		afterName = { "org.springframework.boot.actuate.autoconfigure.tracing.BraveAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration" })
// Spring Messaging comes with spring-kafka and with Spring AMQP: without it neither
// transport
// is there, and Spring Boot skips this class by its precomputed conditions without
// loading it.
@ConditionalOnClass(name = "org.springframework.messaging.Message")
@Conditional(EventTransportAvailable.class)
@ConditionalOnBooleanProperty(name = "microkit.events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EventsProperties.class)
@Import({ KafkaEventsConfiguration.class, RabbitEventsConfiguration.class })
public class EventsAutoConfiguration {

	private static final String FALLBACK_NAME = "application";

	@Bean
	@ConditionalOnMissingBean
	EventsMetrics microkitEventsMetrics(ObjectProvider<MeterRegistry> meterRegistry, EventsProperties properties) {
		return new EventsMetrics(meterRegistry.getIfAvailable(CompositeMeterRegistry::new),
				properties.getTransport().name().toLowerCase(Locale.ROOT));
	}

	@Bean
	@ConditionalOnMissingBean
	TopicRouter microkitTopicRouter(EventsProperties properties) {
		return new TopicRouter(properties.getRoutes());
	}

	@Bean
	@ConditionalOnMissingBean
	EventPublisher microkitEventPublisher(@Qualifier("microkitEventSender") EventSender microkitEventSender,
			ObjectProvider<ObjectMapper> objectMapper, TopicRouter router, EventsProperties properties,
			Environment environment, EventsMetrics metrics, ObjectProvider<OutboxWriter> outbox, PendingReplies replies,
			ObjectProvider<ReplyChannel> replyChannel) {
		return new EventPublisher(stamped(microkitEventSender, properties, environment),
				objectMapper.getIfAvailable(ObjectMapper::new), router, source(properties, environment), metrics,
				outbox.getIfAvailable(), replies, replyChannel.getIfAvailable());
	}

	private static String source(EventsProperties properties, Environment environment) {
		return (properties.getSource() != null) ? properties.getSource()
				: environment.getProperty("spring.application.name", FALLBACK_NAME);
	}

	/**
	 * The sender, stamping every event with the producer's identity unless that is off.
	 */
	static EventSender stamped(EventSender sender, EventsProperties properties, Environment environment) {
		EventsProperties.Identity identity = properties.getIdentity();
		if (!identity.isEnabled()) {
			return sender;
		}
		String id = (identity.getId() != null) ? identity.getId() : source(properties, environment);
		return new ProducerIdentity(identity.getType(), id).stamping(sender);
	}

	@Bean
	@ConditionalOnMissingBean
	PendingReplies microkitPendingReplies(ObjectProvider<ObjectMapper> objectMapper, EventsMetrics metrics) {
		return new PendingReplies(objectMapper.getIfAvailable(ObjectMapper::new), metrics);
	}

	@Bean
	static EventHandlerRegistry microkitEventHandlerRegistry() {
		return new EventHandlerRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	EventSubscriptions microkitEventSubscriptions(EventHandlerRegistry registry, TopicRouter router) {
		return new EventSubscriptions(registry, router);
	}

	@Bean
	@ConditionalOnMissingBean
	EventDispatchers microkitEventDispatchers(ObjectProvider<ObjectMapper> objectMapper,
			ObjectProvider<EventPayloadValidator> payloadValidator, ProcessedEventStore processedEvents,
			EventsProperties properties, EventsMetrics metrics, ObjectProvider<EventPublisher> publisher) {
		EventPayloadReader payloads = new EventPayloadReader(objectMapper.getIfAvailable(ObjectMapper::new),
				payloadValidator.getIfAvailable(() -> EventPayloadValidator.NONE));
		return new EventDispatchers(payloads, processedEvents, properties.getUnknownTypes(), metrics,
				publisher::getIfAvailable);
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

		@Bean
		@ConditionalOnSingleCandidate(PlatformTransactionManager.class)
		@ConditionalOnMissingBean
		OutboxWriter microkitOutboxWriter(DataSource dataSource, OutboxTracing tracing, EventsProperties properties,
				OutboxWakeUps wakeUps) {
			return new OutboxWriter(new JdbcTemplate(dataSource), tracing, Clock.systemUTC(),
					properties.getOutbox().isSendAfterCommit() ? wakeUps : null);
		}

		@Bean
		@ConditionalOnMissingBean
		OutboxWakeUps microkitOutboxWakeUps() {
			return new OutboxWakeUps();
		}

		@Bean
		@ConditionalOnSingleCandidate(PlatformTransactionManager.class)
		@ConditionalOnMissingBean
		OutboxRelay microkitOutboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
				@Qualifier("microkitOutboxEventSender") EventSender microkitOutboxEventSender,
				EventsProperties properties, OutboxTracing tracing, EventsMetrics metrics,
				ObjectProvider<MeterRegistry> meterRegistry, OutboxWakeUps wakeUps, Environment environment) {
			return new OutboxRelay(new JdbcTemplate(dataSource), transactionManager,
					stamped(microkitOutboxEventSender, properties, environment), properties.getOutbox(), tracing,
					metrics, meterRegistry.getIfAvailable(CompositeMeterRegistry::new), Clock.systemUTC(), wakeUps);
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
