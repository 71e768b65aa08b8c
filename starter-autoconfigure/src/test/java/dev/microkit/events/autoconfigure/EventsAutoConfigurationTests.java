package dev.microkit.events.autoconfigure;

import java.util.Map;

import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.microkit.events.listener.EventHandlerRegistry;
import dev.microkit.events.kafka.KafkaEventListeners;
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
import dev.microkit.events.autoconfigure.EventsAutoConfiguration;
import dev.microkit.events.autoconfigure.EventsDataSourceScriptDatabaseInitializer;
import dev.microkit.events.EventPublisher;

class EventsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1");

	private final ApplicationContextRunner withDatabase = this.contextRunner.withConfiguration(AutoConfigurations
		.of(DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class));

	@Test
	void providesPublisherAndListenersWithAMemoryStoreWithoutDatabase() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EventPublisher.class);
			assertThat(context).hasSingleBean(KafkaEventListeners.class);
			assertThat(context).hasSingleBean(EventHandlerRegistry.class);
			assertThat(context).getBean(ProcessedEventStore.class).isInstanceOf(MemoryProcessedEventStore.class);
			assertThat(context).doesNotHaveBean(OutboxRelay.class);
			assertThat(context).getBean(OutboxTracing.class).isSameAs(OutboxTracing.NONE);
		});
	}

	@Test
	void validatesPayloadsWithTheApplicationsBeanValidation() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.run((context) -> assertThat(context).getBean(EventPayloadValidator.class)
				.isInstanceOf(BeanValidationEventPayloadValidator.class));
	}

	@Test
	void readsPayloadsUncheckedWithoutBeanValidation() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.run((context) -> {
				assertThat(context).hasSingleBean(KafkaEventListeners.class);
				assertThat(context).doesNotHaveBean(EventPayloadValidator.class);
			});
	}

	@Test
	void usesTheDatabaseStoreWhenThereIsADataSource() {
		this.withDatabase.run((context) -> {
			assertThat(context).getBean(ProcessedEventStore.class).isInstanceOf(JdbcProcessedEventStore.class);
			assertThat(context).hasSingleBean(ProcessedEventsRetention.class);
			assertThat(context).hasSingleBean(EventsDataSourceScriptDatabaseInitializer.class);
		});
	}

	@Test
	void storeCanBeChosen() {
		this.withDatabase.withPropertyValues("microkit.events.idempotency.store=memory")
			.run((context) -> assertThat(context).getBean(ProcessedEventStore.class)
				.isInstanceOf(MemoryProcessedEventStore.class));
		this.withDatabase.withPropertyValues("microkit.events.idempotency.store=none")
			.run((context) -> assertThat(context).getBean(ProcessedEventStore.class)
				.isNotInstanceOf(MemoryProcessedEventStore.class)
				.isNotInstanceOf(JdbcProcessedEventStore.class));
	}

	@Test
	void jdbcStoreWithoutDatabaseFailsNamingWhatIsMissing() {
		this.contextRunner.withPropertyValues("microkit.events.idempotency.store=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("microkit.events.idempotency.store=jdbc needs a single DataSource"));
	}

	@Test
	void aKindOfProducerTheAuthContextExtensionDoesNotNameFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("microkit.events.identity.type=robot").run((context) -> {
			assertThat(context).hasFailed();
			BindException binding = bindException(context.getStartupFailure());
			assertThat(binding).isNotNull();
			assertThat(binding.getProperty().getName()).hasToString("microkit.events.identity.type");
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'robot' is not a kind of principal")
				.hasMessageContaining("service_account");
		});
	}

	private static BindException bindException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException binding) {
				return binding;
			}
		}
		return null;
	}

	@Test
	void outboxNeedsToBeEnabledAndADatabase() {
		this.withDatabase.withPropertyValues("microkit.events.outbox.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(OutboxRelay.class);
			assertThat(context).hasSingleBean(OutboxWriter.class);
		});
		this.contextRunner.withPropertyValues("microkit.events.outbox.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(OutboxRelay.class));
	}

	@Test
	void relaySendsAWholeBatchInFewRequests() {
		this.withDatabase.withPropertyValues("microkit.events.outbox.enabled=true")
			.run((context) -> assertThat(relayProducerConfig(context)).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG,
					256 * 1024));
		this.withDatabase
			.withPropertyValues("microkit.events.outbox.enabled=true", "spring.kafka.producer.batch-size=1MB")
			.run((context) -> assertThat(relayProducerConfig(context)).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG,
					1024 * 1024));
	}

	private static Map<String, Object> relayProducerConfig(ApplicationContext context) {
		return context.getBean("microkitOutboxProducerFactory", ProducerFactory.class).getConfigurationProperties();
	}

	@Test
	void kafkaSecuritySettingsOfSpringBootReachEveryMicrokitClient() {
		String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";";
		this.withDatabase
			.withPropertyValues("microkit.events.outbox.enabled=true", "spring.kafka.security.protocol=SASL_SSL",
					"spring.kafka.ssl.trust-store-password=secret", "spring.kafka.ssl.trust-store-type=PKCS12",
					"spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
					"spring.kafka.properties.sasl.jaas.config=" + jaas)
			.run((context) -> {
				Map<String, Object> expected = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism",
						"SCRAM-SHA-512", "sasl.jaas.config", jaas, "ssl.truststore.password", "secret",
						"ssl.truststore.type", "PKCS12");
				assertThat(context.getBean("microkitEventsProducerFactory", DefaultKafkaProducerFactory.class)
					.getConfigurationProperties()).containsAllEntriesOf(expected);
				assertThat(context.getBean("microkitEventsConsumerFactory", ConsumerFactory.class)
					.getConfigurationProperties()).containsAllEntriesOf(expected);
				assertThat(relayProducerConfig(context)).containsAllEntriesOf(expected);
				assertThat(context.getBean(KafkaAdmin.class).getConfigurationProperties())
					.containsAllEntriesOf(expected);
			});
	}

	@Test
	void tracesThroughTheOutboxWhenTracingIsThere() {
		this.contextRunner.withUserConfiguration(TracingConfiguration.class)
			.run((context) -> assertThat(context).getBean(OutboxTracing.class)
				.isInstanceOf(MicrometerOutboxTracing.class));
	}

	@Test
	void observesRecordsOnlyWhenTheApplicationTraces() {
		this.contextRunner.run((context) -> assertThat(observationEnabled(context)).isFalse());
		this.contextRunner.withUserConfiguration(TracingConfiguration.class)
			.run((context) -> assertThat(observationEnabled(context)).isTrue());
	}

	@Test
	void observationsCanBeSwitchedOnWithoutTracing() {
		this.contextRunner.withPropertyValues("microkit.events.observation-enabled=true")
			.run((context) -> assertThat(observationEnabled(context)).isTrue());
	}

	private static boolean observationEnabled(ApplicationContext context) {
		return (boolean) ReflectionTestUtils.getField(context.getBean("microkitEventsKafkaTemplate"),
				"observationEnabled");
	}

	@Test
	void leavesBootsKafkaBeansTheOnlyCandidates() {
		this.contextRunner.withPropertyValues("spring.kafka.producer.transaction-id-prefix=tx-").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(org.springframework.kafka.transaction.KafkaTransactionManager.class);
			assertThat(context.getBean(KafkaTemplate.class)).isSameAs(context.getBean("kafkaTemplate"));
		});
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("microkit.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventPublisher.class)
				.doesNotHaveBean(KafkaEventListeners.class));
	}

	@Test
	void backsOffWithoutSpringKafka() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EventPublisher.class));
	}

	@Test
	void applicationPublisherReplacesMicrokitsOne() {
		EventPublisher own = mock(EventPublisher.class);
		this.contextRunner.withBean(EventPublisher.class, () -> own)
			.run((context) -> assertThat(context.getBean(EventPublisher.class)).isSameAs(own));
	}

	@Configuration(proxyBeanMethods = false)
	static class TracingConfiguration {

		@Bean
		Tracer tracer() {
			return mock(Tracer.class);
		}

		@Bean
		io.micrometer.tracing.propagation.Propagator propagator() {
			return mock(io.micrometer.tracing.propagation.Propagator.class);
		}

	}

}
