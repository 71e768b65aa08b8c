package dev.microkit.events.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
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

import dev.microkit.events.EventSender;
import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.PendingReplies;
import dev.microkit.events.ReplyChannel;
import dev.microkit.events.rabbitmq.RabbitReplyChannel;
import dev.microkit.events.listener.EventDispatchers;
import dev.microkit.events.listener.EventSubscriptions;
import dev.microkit.events.observation.EventObservations;
import dev.microkit.events.rabbitmq.CallerContext;
import dev.microkit.events.rabbitmq.RabbitEventListeners;
import dev.microkit.events.rabbitmq.RabbitEventSender;
import dev.microkit.events.rabbitmq.RabbitRetries;
import dev.microkit.events.rabbitmq.RabbitTopology;
import dev.microkit.events.rabbitmq.TracerCallerContext;

/**
 * Events over RabbitMQ, when {@code microkit.events.transport=rabbitmq}: Spring AMQP on
 * Boot's connection factory, which must publish with correlated confirms and returns
 * ({@link EventsEnvironmentPostProcessor} makes that the default). Its template is no
 * default candidate for injection, so it never competes with the application's or Boot's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RabbitTemplate.class)
@ConditionalOnBean(ConnectionFactory.class)
@ConditionalOnProperty(name = "microkit.events.transport", havingValue = "rabbitmq")
class RabbitEventsConfiguration {

	/**
	 * How long a direct publish waits for room in the publisher's queue, as Kafka's
	 * producer waits {@code max.block.ms} (a minute) for buffer space.
	 */
	private static final Duration MAX_BLOCK = Duration.ofMinutes(1);

	@Bean
	@ConditionalOnMissingBean
	RabbitTopology microkitRabbitTopology(ConnectionFactory connectionFactory, EventsProperties properties) {
		return new RabbitTopology(new RabbitAdmin(connectionFactory), connectionFactory, properties.getRabbitmq());
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "microkitEventsRabbitTemplate")
	RabbitTemplate microkitEventsRabbitTemplate(ConnectionFactory connectionFactory, EventsProperties properties,
			ListableBeanFactory beans) {
		checkConfirmsAndReturns(connectionFactory);
		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		template.setMandatory(true);
		template.setObservationEnabled(EventObservations.enabled(properties, beans));
		return template;
	}

	private static void checkConfirmsAndReturns(ConnectionFactory connectionFactory) {
		if (connectionFactory instanceof CachingConnectionFactory caching
				&& (!caching.isPublisherConfirms() || !caching.isPublisherReturns())) {
			throw new IllegalStateException("microkit.events.transport=rabbitmq completes a publish only when "
					+ "RabbitMQ confirms it and fails it when RabbitMQ returns it: set "
					+ "spring.rabbitmq.publisher-confirm-type=correlated and spring.rabbitmq.publisher-returns=true "
					+ "(found confirms " + caching.isPublisherConfirms() + ", returns " + caching.isPublisherReturns()
					+ ")");
		}
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "microkitEventSender")
	EventSender microkitEventSender(
			@Qualifier("microkitEventsRabbitTemplate") RabbitTemplate microkitEventsRabbitTemplate,
			RabbitTopology topology, ObjectProvider<CallerContext> callerContext) {
		return new RabbitEventSender(microkitEventsRabbitTemplate, topology, MAX_BLOCK,
				callerContext.getIfAvailable(() -> CallerContext.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	RabbitEventListeners microkitRabbitEventListeners(EventSubscriptions subscriptions,
			ConnectionFactory connectionFactory, RabbitTopology topology,
			@Qualifier("microkitEventsRabbitTemplate") RabbitTemplate microkitEventsRabbitTemplate,
			EventDispatchers dispatchers, EventsProperties properties, Environment environment, EventsMetrics metrics,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new RabbitEventListeners(subscriptions, connectionFactory, topology, dispatchers,
				new RabbitRetries(microkitEventsRabbitTemplate, properties.getRetry(), metrics), properties,
				EventGroups.of(properties, environment), meterRegistry.getIfAvailable(CompositeMeterRegistry::new));
	}

	@Bean
	@ConditionalOnMissingBean(ReplyChannel.class)
	RabbitReplyChannel microkitRabbitReplyChannel(ConnectionFactory connectionFactory, PendingReplies replies,
			EventsProperties properties, Environment environment) {
		RabbitReplyChannel channel = new RabbitReplyChannel(connectionFactory, replies,
				EventGroups.of(properties, environment));
		channel.setOpenAtStart(properties.getReplies().isOpenAtStart());
		return channel;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("microkit.events.outbox.enabled")
	static class RabbitOutboxConfiguration {

		@Bean(defaultCandidate = false)
		@ConditionalOnMissingBean(name = "microkitOutboxEventSender")
		EventSender microkitOutboxEventSender(
				@Qualifier("microkitEventsRabbitTemplate") RabbitTemplate microkitEventsRabbitTemplate,
				RabbitTopology topology, EventsProperties properties, ObjectProvider<CallerContext> callerContext) {
			return new RabbitEventSender(microkitEventsRabbitTemplate, topology,
					properties.getOutbox().getSendTimeout(), callerContext.getIfAvailable(() -> CallerContext.NONE));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	@ConditionalOnBean(Tracer.class)
	static class RabbitTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CallerContext microkitRabbitCallerContext(Tracer tracer) {
			return new TracerCallerContext(tracer);
		}

	}

}
