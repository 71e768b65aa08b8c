package dev.microkit.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.testsupport.http.LoopbackBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @FeignClient} against three real HTTP servers on loopback, resolved through
 * the simple discovery client.
 */
class FeignCallsIntegrationTests extends CallPolicyScenarios {

	@Override
	protected ScenarioClient startClient(String... properties) {
		BackendClient client = start(properties);
		return ScenarioClient.of(client::work, client::create, client::createIdempotent, client::createWithKey);
	}

	@Override
	protected Class<? extends Throwable> serviceUnavailable() {
		return FeignException.ServiceUnavailable.class;
	}

	@Override
	protected Class<? extends Throwable> notFound() {
		return FeignException.NotFound.class;
	}

	@Test
	void circuitOpensFailsFastThenClosesWhenTheInstanceRecovers() {
		this.backends.subList(1, 3).forEach(LoopbackBackend::close);
		this.backends.subList(1, 3).clear();
		backend(0).answering(500);
		BackendClient client = start("resilience4j.circuitbreaker.instances.backend.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.backend.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.backend.failure-rate-threshold=50",
				"resilience4j.circuitbreaker.instances.backend.wait-duration-in-open-state=500ms",
				"resilience4j.circuitbreaker.instances.backend.permitted-number-of-calls-in-half-open-state=1",
				"resilience4j.retry.instances.backend.max-attempts=1",
				"microkit.calls.clients.backend.ejection.enabled=false");
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(FeignException.InternalServerError.class).isThrownBy(client::work);
		}
		CircuitBreaker breaker = this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int before = backend(0).requests();
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(client::work);
		assertThat(backend(0).requests()).isEqualTo(before);
		backend(0).answering(200);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.untilAsserted(() -> {
				assertThat(client.work()).isEqualTo("a");
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			});
	}

	@Test
	void peakEwmaSendsLessThanTenPercentToAnInstanceTenTimesSlower() throws Exception {
		backend(0).delayedBy(Duration.ofMillis(5));
		backend(1).delayedBy(Duration.ofMillis(5));
		backend(2).delayedBy(Duration.ofMillis(50));
		// A short decay time so that the first, cold calls of this fresh JVM are
		// forgotten within the test rather than after the default ten seconds.
		BackendClient client = start("microkit.calls.clients.backend.peak-ewma.decay-time=1s");
		for (int i = 0; i < 30; i++) {
			client.work();
		}
		Thread.sleep(3000);
		this.backends.forEach(LoopbackBackend::resetCounts);
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				done.add(callers.submit(() -> {
					for (int i = 0; i < 150; i++) {
						client.work();
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}
		double slowShare = backend(2).requests() / 600.0;
		System.out.printf("peak-ewma: instance 10x slower got %.1f%% of 600 calls%n", slowShare * 100);
		assertThat(slowShare).isLessThan(0.10);
	}

	@Test
	void peakEwmaSharesEqualInstancesEvenlyUnderLoad() throws Exception {
		// one request at a time each, as a service behind a small thread pool: latency
		// grows with load, and an instance whose estimate stays inflated goes unused
		this.backends.forEach((backend) -> backend.delayedBy(Duration.ofMillis(5)).servingAtMost(1));
		BackendClient client = start();
		warmUpUnderLoad(client);
		assertThat(OpenLoop.run(client::work, 200, Duration.ofSeconds(4))).isZero();
		int total = totalRequests();
		assertThat(this.backends).allSatisfy(
				(backend) -> assertThat(backend.requests()).as("share of %s in %s", backend.name(), requestsByBackend())
					.isBetween(total / 5, total / 2));
	}

	@Test
	void peakEwmaKeepsAnInstanceTenTimesSlowerOutOfTheTailUnderLoad() throws Exception {
		backend(0).delayedBy(Duration.ofMillis(5)).servingAtMost(1);
		backend(1).delayedBy(Duration.ofMillis(5)).servingAtMost(1);
		backend(2).delayedBy(Duration.ofMillis(50)).servingAtMost(1);
		BackendClient client = start();
		warmUpUnderLoad(client);
		assertThat(OpenLoop.run(client::work, 200, Duration.ofSeconds(4))).isZero();
		assertThat(backend(2).requests()).as("requests to the slow instance of %s", requestsByBackend())
			.isLessThan(totalRequests() / 50);
	}

	/**
	 * The same load for a while, not counted: in a fresh JVM the caller's own first
	 * seconds are cold, and its pauses then would be measured instead of the balancer.
	 */
	private void warmUpUnderLoad(BackendClient client) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			client.work();
		}
		assertThat(OpenLoop.run(client::work, 200, Duration.ofSeconds(3))).isZero();
		this.backends.forEach(LoopbackBackend::resetCounts);
	}

	private List<Integer> requestsByBackend() {
		return this.backends.stream().map(LoopbackBackend::requests).toList();
	}

	@Test
	void deadInstanceIsEjectedAndReturnsAfterItRecovers() {
		BackendClient client = start("microkit.calls.clients.backend.ejection.consecutive-failures=2",
				"microkit.calls.clients.backend.ejection.base-time=3s",
				"microkit.calls.clients.backend.load-balancer=round-robin");
		for (int i = 0; i < 6; i++) {
			client.work();
		}
		backend(1).stop();
		for (int i = 0; i < 30; i++) {
			assertThat(client.work()).isIn("a", "c");
		}
		InstanceLoadRegistry loads = this.context.getBean(InstanceLoadRegistry.class);
		String key = backend(1).uri().substring("http://".length());
		double failedAttempts = this.context.getBean(MeterRegistry.class)
			.get("microkit.calls.requests")
			.tags("client", "backend", "instance", key)
			.timers()
			.stream()
			.filter((timer) -> !"success".equals(timer.getId().getTag("outcome")))
			.mapToLong(io.micrometer.core.instrument.Timer::count)
			.sum();
		assertThat(failedAttempts).isEqualTo(2);
		assertThat(loads.forService("backend").of(key).ejection().isEjected(System.nanoTime())).isTrue();
		assertThat(loads.forService("backend").of(key).ejection().ejections()).isEqualTo(1);
		backend(1).restart();
		backend(1).resetCounts();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			client.work();
			assertThat(backend(1).requests()).isGreaterThan(0);
		});
		assertThat(loads.forService("backend").of(key).ejection().isEjected(System.nanoTime())).isFalse();
	}

	@Test
	void retryBudgetCapsRetriesWhenEveryInstanceFails() {
		this.backends.forEach((backend) -> backend.answering(503));
		BackendClient client = start("microkit.calls.clients.backend.retry-budget.min-retries-per-second=0",
				"microkit.calls.clients.backend.retry-budget.percent=20",
				"microkit.calls.clients.backend.ejection.enabled=false",
				"resilience4j.circuitbreaker.instances.backend.minimum-number-of-calls=1000",
				"resilience4j.circuitbreaker.instances.backend.sliding-window-size=1000");
		for (int i = 0; i < 100; i++) {
			assertThatExceptionOfType(FeignException.ServiceUnavailable.class).isThrownBy(client::work);
		}
		int total = totalRequests();
		assertThat(total).isBetween(100, 120);
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.retry.budget.exhausted").tag("client", "backend").counter().count())
			.isGreaterThan(0);
		assertThat(meters.get("microkit.calls.retries").tag("client", "backend").counter().count())
			.isEqualTo(total - 100);
	}

}
