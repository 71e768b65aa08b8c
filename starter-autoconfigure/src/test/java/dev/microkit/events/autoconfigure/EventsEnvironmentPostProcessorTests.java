package dev.microkit.events.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EventsEnvironmentPostProcessor}: the transport is checked before anything is
 * configured, and RabbitMQ publishes with confirms and returns unless told otherwise.
 */
class EventsEnvironmentPostProcessorTests {

	private final EventsEnvironmentPostProcessor postProcessor = new EventsEnvironmentPostProcessor();

	@Test
	void rabbitmqPublishesWithConfirmsAndReturnsByDefault() {
		MockEnvironment environment = new MockEnvironment().withProperty("microkit.events.transport", "rabbitmq");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.rabbitmq.publisher-confirm-type")).isEqualTo("correlated");
		assertThat(environment.getProperty("spring.rabbitmq.publisher-returns")).isEqualTo("true");
	}

	@Test
	void applicationSettingsWin() {
		MockEnvironment environment = new MockEnvironment().withProperty("microkit.events.transport", "RabbitMQ")
			.withProperty("spring.rabbitmq.publisher-confirm-type", "simple");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.rabbitmq.publisher-confirm-type")).isEqualTo("simple");
		assertThat(environment.getProperty("spring.rabbitmq.publisher-returns")).isEqualTo("true");
	}

	@Test
	void kafkaLeavesRabbitmqAlone() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(EventsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.containsProperty("spring.rabbitmq.publisher-returns")).isFalse();
	}

	@Test
	void anUnknownTransportFailsNamingThePropertyAndTheAcceptedValues() {
		MockEnvironment environment = new MockEnvironment().withProperty("microkit.events.transport", "zeromq");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> this.postProcessor.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("microkit.events.transport");
				assertThat(ex.getValue()).isEqualTo("zeromq");
				assertThat(ex.getReason()).contains("kafka and rabbitmq");
			});
	}

	@Test
	void disabledEventsAreNotChecked() {
		MockEnvironment environment = new MockEnvironment().withProperty("microkit.events.enabled", "false")
			.withProperty("microkit.events.transport", "zeromq");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(EventsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

}
