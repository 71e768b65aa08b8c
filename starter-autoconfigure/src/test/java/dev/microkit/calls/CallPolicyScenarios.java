package dev.microkit.calls;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import dev.microkit.testsupport.http.LoopbackBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the call policy promises whatever kind of client makes the call, against three
 * real HTTP servers on loopback: each kind of client runs these scenarios through an
 * adapter of its own.
 */
abstract class CallPolicyScenarios extends LoopbackBackendsTests {

	/**
	 * Starts the application and returns its client of {@code backend}.
	 * @param properties the application's properties
	 * @return the client
	 */
	protected abstract ScenarioClient startClient(String... properties);

	/**
	 * How the kind of client reports a 503 answer.
	 */
	protected abstract Class<? extends Throwable> serviceUnavailable();

	/**
	 * How the kind of client reports a 404 answer.
	 */
	protected abstract Class<? extends Throwable> notFound();

	@Test
	void roundRobinSpreadsGetsEvenly() {
		ScenarioClient client = startClient("microkit.calls.clients.backend.load-balancer=round-robin");
		for (int i = 0; i < 300; i++) {
			client.work();
		}
		assertThat(this.backends).extracting(LoopbackBackend::requests).containsExactly(100, 100, 100);
	}

	@Test
	void getsSucceedWhenOneInstanceAnswers503() {
		backend(1).answering(503);
		ScenarioClient client = startClient();
		for (int i = 0; i < 100; i++) {
			assertThat(client.work()).isIn("a", "c");
		}
		assertThat(backend(1).requests()).isGreaterThan(0);
	}

	/**
	 * The status and headers come, the body does not: the attempt's read timeout ends it
	 * while the answer is decoded, and the call goes on to another instance.
	 */

	@Test
	void getsSucceedWhenOneInstanceStopsSendingTheBody() {
		backend(1).bodyDelayedBy(Duration.ofMillis(3_000));
		ScenarioClient client = startClient("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false",
				"microkit.calls.clients.backend.timeout=1500ms");
		for (int i = 0; i < 9; i++) {
			assertThat(client.work()).isIn("a", "c");
		}
		assertThat(backend(1).requests()).isGreaterThan(0);
	}

	@Test
	void getsSucceedWhenOneInstanceRefusesConnections() {
		backend(2).stop();
		ScenarioClient client = startClient();
		for (int i = 0; i < 100; i++) {
			assertThat(client.work()).isIn("a", "b");
		}
	}

	@Test
	void postWithoutIdempotencyMarkerIsNotRetried() {
		backend(0).answering(503);
		ScenarioClient client = startClient("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false");
		AtomicInteger failures = new AtomicInteger();
		for (int i = 0; i < 30; i++) {
			try {
				client.create("order-" + i);
			}
			catch (Throwable ex) {
				assertThat(ex).isInstanceOf(serviceUnavailable());
				failures.incrementAndGet();
			}
		}
		assertThat(failures).hasValue(10);
		assertThat(backend(0).posts() + backend(1).posts() + backend(2).posts()).isEqualTo(30);
	}

	@Test
	void postMarkedIdempotentIsRetriedOnAnotherInstance() {
		backend(0).answering(503);
		ScenarioClient client = startClient("microkit.calls.clients.backend.load-balancer=round-robin",
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
		ScenarioClient client = startClient("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false");
		for (int i = 0; i < 30; i++) {
			assertThat(client.createWithKey("key-" + i, "order-" + i)).isIn("b", "c");
		}
		assertThat(backend(0).posts()).isGreaterThan(0);
	}

	@Test
	void clientErrorsNeitherRetryNorOpenTheCircuit() {
		this.backends.forEach((backend) -> backend.answering(404));
		ScenarioClient client = startClient();
		for (int i = 0; i < 30; i++) {
			assertThatExceptionOfType(notFound()).isThrownBy(client::work);
		}
		int total = totalRequests();
		assertThat(total).isEqualTo(30);
		CircuitBreaker breaker = this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void everyAttemptIsRecordedForItsInstanceAndAFailingOneIsAvoided() {
		backend(1).answering(503);
		ScenarioClient client = startClient();
		for (int i = 0; i < 60; i++) {
			assertThat(client.work()).isIn("a", "c");
		}
		double attempts = this.context.getBean(MeterRegistry.class)
			.get("microkit.calls.requests")
			.tags("client", "backend")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
		assertThat(attempts).isEqualTo(totalRequests());
		assertThat(backend(1).requests()).isLessThan(10);
	}

	/**
	 * The calls of the {@code backend} service, whatever the client's kind.
	 */
	protected interface ScenarioClient {

		String work();

		String create(String order);

		String createIdempotent(String order);

		String createWithKey(String key, String order);

		static ScenarioClient of(Supplier<String> work, UnaryOperator<String> create,
				UnaryOperator<String> createIdempotent, BinaryOperator<String> createWithKey) {
			return new ScenarioClient() {

				@Override
				public String work() {
					return work.get();
				}

				@Override
				public String create(String order) {
					return create.apply(order);
				}

				@Override
				public String createIdempotent(String order) {
					return createIdempotent.apply(order);
				}

				@Override
				public String createWithKey(String key, String order) {
					return createWithKey.apply(key, order);
				}

			};
		}

	}

}
