package dev.microkit.calls;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An HTTP interface client of {@code backend} against three real HTTP servers on
 * loopback, under the same policy as the Feign client of the same service.
 */
class HttpInterfaceCallsIntegrationTests extends CallPolicyScenarios {

	@Override
	protected ScenarioClient startClient(String... properties) {
		BackendHttpClient client = startHttpInterface(properties);
		return ScenarioClient.of(client::work, client::create, client::createIdempotent, client::createWithKey);
	}

	@Override
	protected Class<? extends Throwable> serviceUnavailable() {
		return HttpServerErrorException.ServiceUnavailable.class;
	}

	@Override
	protected Class<? extends Throwable> notFound() {
		return HttpClientErrorException.NotFound.class;
	}

	@Test
	void aCallThatOutlivesItsDeadlineEndsWithTheDeadlineNamed() {
		this.backends.forEach((backend) -> backend.delayedBy(Duration.ofMillis(2_000)));
		BackendHttpClient client = startHttpInterface("microkit.calls.clients.backend.timeout=600ms");
		long start = System.nanoTime();
		assertThatExceptionOfType(CallTimeoutException.class).isThrownBy(client::work)
			.withMessageContaining("microkit.calls.clients.backend.timeout");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
	}

	@Test
	void sharesTheBreakerAndTheCallMetricsOfTheServiceWithItsFeignClients() {
		BackendHttpClient client = startHttpInterface();
		BackendClient feign = this.context.getBean(BackendClient.class);
		for (int i = 0; i < 5; i++) {
			client.work();
			feign.work();
		}
		assertThat(client.workTwice()).hasSize(2);
		CircuitBreaker breaker = this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
		assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(12);
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.calls").tags("client", "backend", "outcome", "success").timer().count())
			.isEqualTo(12);
		assertThat(meters.get("microkit.calls.requests").tags("client", "backend").timers())
			.extracting((timer) -> timer.getId().getTag("instance"))
			.contains(backend(0).uri().substring("http://".length()));
	}

	@Test
	void aClientErrorIsCountedAsTheCallersNotTheServices() {
		this.backends.forEach((backend) -> backend.answering(409));
		BackendHttpClient client = startHttpInterface();
		assertThatExceptionOfType(HttpClientErrorException.Conflict.class).isThrownBy(client::work);
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(
				meters.get("microkit.calls.calls").tags("client", "backend", "outcome", "client_error").timer().count())
			.isEqualTo(1);
	}

	private BackendHttpClient startHttpInterface(String... properties) {
		this.context = CallsTestApplication.run(HttpInterfaceTestApplication.class, this.backends, properties);
		return this.context.getBean(BackendHttpClient.class);
	}

}
