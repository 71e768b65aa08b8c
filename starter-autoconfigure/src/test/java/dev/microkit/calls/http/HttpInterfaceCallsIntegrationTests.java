package dev.microkit.calls.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.microkit.calls.BackendClient;
import dev.microkit.calls.CallTimeoutException;
import dev.microkit.calls.CallsTestApplication;
import dev.microkit.testsupport.http.LoopbackBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An HTTP interface client against three real HTTP servers on loopback, under the same
 * policy as the Feign client of the same service.
 */
class HttpInterfaceCallsIntegrationTests {

	private final List<LoopbackBackend> backends = new ArrayList<>();

	private ConfigurableApplicationContext context;

	@BeforeEach
	void startBackends() {
		for (String name : List.of("a", "b", "c")) {
			this.backends.add(new LoopbackBackend(name));
		}
	}

	@AfterEach
	void stopEverything() {
		if (this.context != null) {
			this.context.close();
		}
		this.backends.forEach(LoopbackBackend::close);
	}

	@Test
	void eachCallGoesToAnInstanceTheBalancerPicks() {
		BackendHttpClient client = start("microkit.calls.clients.backend.load-balancer=round-robin");
		for (int i = 0; i < 300; i++) {
			client.work();
		}
		assertThat(this.backends).extracting(LoopbackBackend::requests).containsExactly(100, 100, 100);
	}

	@Test
	void getsSucceedWhenOneInstanceAnswers503() {
		backend(1).answering(503);
		BackendHttpClient client = start("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false");
		for (int i = 0; i < 30; i++) {
			assertThat(client.work()).isIn("a", "c");
		}
		assertThat(backend(1).requests()).isGreaterThan(0);
		assertThat(backend(0).requests() + backend(2).requests()).isEqualTo(30);
	}

	@Test
	void getsSucceedWhenOneInstanceRefusesConnections() {
		backend(2).stop();
		BackendHttpClient client = start();
		for (int i = 0; i < 100; i++) {
			assertThat(client.work()).isIn("a", "b");
		}
	}

	/**
	 * The status and headers come, the body does not: the attempt's read timeout, its
	 * share of the deadline, ends it, and the call goes on to another instance.
	 */
	@Test
	void getsSucceedWhenOneInstanceStopsSendingTheBody() {
		backend(1).bodyDelayedBy(Duration.ofMillis(3_000));
		BackendHttpClient client = start("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false",
				"microkit.calls.clients.backend.timeout=1500ms");
		for (int i = 0; i < 9; i++) {
			assertThat(client.work()).isIn("a", "c");
		}
		assertThat(backend(1).requests()).isGreaterThan(0);
	}

	@Test
	void aCallThatOutlivesItsDeadlineEndsWithTheDeadlineNamed() {
		this.backends.forEach((backend) -> backend.delayedBy(Duration.ofMillis(2_000)));
		BackendHttpClient client = start("microkit.calls.clients.backend.timeout=600ms");
		long start = System.nanoTime();
		assertThatExceptionOfType(CallTimeoutException.class).isThrownBy(client::work)
			.withMessageContaining("microkit.calls.clients.backend.timeout");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
	}

	@Test
	void postWithoutIdempotencyMarkerIsNotRetried() {
		backend(0).answering(503);
		BackendHttpClient client = start("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false");
		AtomicInteger failures = new AtomicInteger();
		for (int i = 0; i < 30; i++) {
			try {
				client.create("order-" + i);
			}
			catch (HttpServerErrorException.ServiceUnavailable ex) {
				failures.incrementAndGet();
			}
		}
		assertThat(failures).hasValue(10);
		assertThat(backend(0).posts() + backend(1).posts() + backend(2).posts()).isEqualTo(30);
	}

	@Test
	void postMarkedIdempotentIsRetriedOnAnotherInstance() {
		backend(0).answering(503);
		BackendHttpClient client = start("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false");
		for (int i = 0; i < 30; i++) {
			assertThat(client.createIdempotent("order-" + i)).isIn("b", "c");
		}
		assertThat(backend(0).posts()).isGreaterThan(0);
		assertThat(backend(1).posts() + backend(2).posts()).isEqualTo(30);
	}

	@Test
	void postWithIdempotencyKeyHeaderIsRetriedOnAnotherInstance() {
		backend(0).answering(503);
		BackendHttpClient client = start("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false");
		for (int i = 0; i < 30; i++) {
			assertThat(client.createWithKey("key-" + i, "order-" + i)).isIn("b", "c");
		}
		assertThat(backend(0).posts()).isGreaterThan(0);
	}

	@Test
	void clientErrorsNeitherRetryNorOpenTheCircuit() {
		this.backends.forEach((backend) -> backend.answering(404));
		BackendHttpClient client = start();
		for (int i = 0; i < 30; i++) {
			assertThatExceptionOfType(HttpClientErrorException.NotFound.class).isThrownBy(client::work);
		}
		assertThat(this.backends.stream().mapToInt(LoopbackBackend::requests).sum()).isEqualTo(30);
		CircuitBreaker breaker = this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.context.getBean(MeterRegistry.class)
			.get("microkit.calls.calls")
			.tags("client", "backend", "outcome", "client_error")
			.timer()
			.count()).isEqualTo(30);
	}

	@Test
	void sharesTheBreakerAndTheCallMetricsOfTheServiceWithItsFeignClients() {
		BackendHttpClient client = start();
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

	private BackendHttpClient start(String... properties) {
		this.context = CallsTestApplication.run(HttpInterfaceTestApplication.class, this.backends, properties);
		return this.context.getBean(BackendHttpClient.class);
	}

	private LoopbackBackend backend(int index) {
		return this.backends.get(index);
	}

}
