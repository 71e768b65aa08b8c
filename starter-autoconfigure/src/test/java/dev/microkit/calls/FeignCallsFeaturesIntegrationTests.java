package dev.microkit.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import feign.FeignException;
import feign.RetryableException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.core.RandomLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;

import dev.microkit.calls.autoconfigure.CallsEndpoint.ClientDescriptor;
import dev.microkit.calls.autoconfigure.CallsEndpoint;
import dev.microkit.calls.loadbalancer.ConsistentHashLoadBalancer;
import dev.microkit.calls.loadbalancer.PeakEwmaLoadBalancer;
import dev.microkit.calls.loadbalancer.WeightedLoadBalancer;
import dev.microkit.testsupport.http.LoopbackBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fallbacks, metrics, the actuator endpoint, optional Resilience4j modules, the deadline
 * and balancer selection, with real loopback servers.
 */
class FeignCallsFeaturesIntegrationTests extends LoopbackBackendsTests {

	@Test
	void fallbackAnswersWhenEveryInstanceFails() {
		this.backends.forEach((backend) -> backend.answering(503));
		this.context = CallsTestApplication.run(FallbackTestApplication.class, this.backends);
		assertThat(this.context.getBean(FallbackTestApplication.WithFallback.class).work()).isEqualTo("fallback");
	}

	@Test
	void fallbackFactorySeesTheFailureUnwrapped() {
		this.backends.forEach((backend) -> backend.answering(503));
		this.context = CallsTestApplication.run(FallbackTestApplication.class, this.backends);
		assertThat(this.context.getBean(FallbackTestApplication.WithFallbackFactory.class).work())
			.isEqualTo("fallback for ServiceUnavailable");
		assertThat(this.context.getBean(FallbackTestApplication.RecordingFallbackFactory.class).cause.get())
			.isInstanceOf(FeignException.ServiceUnavailable.class);
	}

	@Test
	void fallbackFactorySeesAnOpenCircuit() {
		this.context = CallsTestApplication.run(FallbackTestApplication.class, this.backends);
		this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend").transitionToOpenState();
		assertThat(this.context.getBean(FallbackTestApplication.WithFallbackFactory.class).work())
			.isEqualTo("fallback for CallNotPermittedException");
	}

	@Test
	void callsAreMeasuredPerClientAndInstance() {
		BackendClient client = start();
		for (int i = 0; i < 60; i++) {
			client.work();
		}
		String scrape = this.context.getBean(PrometheusMeterRegistry.class).scrape();
		assertThat(scrape).contains("microkit_calls_requests_seconds_bucket{client=\"backend\",instance=\"127.0.0.1:")
			.containsPattern(
					"microkit_calls_requests_seconds_count\\{client=\"backend\",instance=\"[^\"]+\",outcome=\"success\"}")
			.containsPattern("microkit_calls_latency_seconds\\{client=\"backend\",estimate=\"peak_ewma\",instance=")
			.containsPattern("microkit_calls_latency_seconds\\{client=\"backend\",estimate=\"window\",instance=")
			.containsPattern("microkit_calls_inflight\\{client=\"backend\",instance=")
			.containsPattern("microkit_calls_success_rate\\{client=\"backend\",instance=")
			.containsPattern("microkit_calls_ejected\\{client=\"backend\",instance=")
			.contains("microkit_calls_calls_seconds_bucket{client=\"backend\",outcome=\"success\"")
			.contains("microkit_calls_calls_seconds_count{client=\"backend\",outcome=\"success\"} 60")
			.contains("microkit_calls_retries_total{client=\"backend\"}")
			.contains("microkit_calls_retry_budget_exhausted_total{client=\"backend\"}")
			.containsPattern("resilience4j_circuitbreaker_state\\{name=\"backend\",state=\"closed\"} 1")
			.containsPattern("http_client_requests_seconds_count\\{clientName=\"dev.microkit.calls.BackendClient\"");
	}

	@Test
	void aCallThatSucceededOnItsRetryIsOneSuccessfulCall() {
		backend(0).answering(503);
		backend(1).answering(503);
		BackendClient client = start("microkit.calls.clients.backend.load-balancer=round-robin");
		for (int i = 0; i < 9; i++) {
			client.work();
		}
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.calls").tag("outcome", "success").timer().count()).isEqualTo(9);
		assertThat(meters.find("microkit.calls.calls").tag("outcome", "failure").timer()).isNull();
		assertThat(meters.get("microkit.calls.requests")
			.tag("outcome", "server_error")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum()).isPositive();
	}

	@Test
	void aCallThatFailedOnEveryAttemptIsOneFailedCall() {
		this.backends.forEach((backend) -> backend.answering(503));
		BackendClient client = start();
		assertThatExceptionOfType(FeignException.class).isThrownBy(client::work);
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.calls").tag("outcome", "failure").timer().count()).isOne();
		assertThat(meters.get("microkit.calls.requests")
			.tag("outcome", "server_error")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum()).isEqualTo(3);
	}

	@Test
	void endpointListsClientsInstancesAndTheirFigures() {
		BackendClient client = start();
		for (int i = 0; i < 30; i++) {
			client.work();
		}
		ClientDescriptor backend = new CallsEndpoint(
				this.context.getBean(dev.microkit.calls.instances.InstanceLoadRegistry.class),
				this.context.getBean(dev.microkit.calls.resilience.ClientCallPolicies.class))
			.calls()
			.clients()
			.get("backend");
		assertThat(backend.loadBalancer()).isEqualTo("peak-ewma");
		assertThat(backend.circuitBreaker()).isEqualTo("CLOSED");
		assertThat(backend.instances()).hasSize(3);
		assertThat(backend.instances().values().stream().mapToLong(CallsEndpoint.InstanceDescriptor::requests).sum())
			.isEqualTo(30);
		assertThat(backend.instances().values()).allSatisfy((instance) -> {
			assertThat(instance.successRate()).isEqualTo(1.0);
			assertThat(instance.ejected()).isFalse();
			assertThat(instance.inFlight()).isZero();
		});
	}

	@Test
	void bulkheadRejectsBeyondItsConcurrencyWithoutOpeningTheCircuit() throws Exception {
		this.backends.forEach((backend) -> backend.delayedBy(Duration.ofMillis(300)));
		BackendClient client = start("resilience4j.bulkhead.instances.backend.max-concurrent-calls=2",
				"resilience4j.bulkhead.instances.backend.max-wait-duration=0");
		List<Throwable> failures = concurrently(6, client::work);
		assertThat(failures).hasSizeBetween(1, 4)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(BulkheadFullException.class));
		CircuitBreaker breaker = this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void rateLimiterRejectsBeyondItsLimit() {
		BackendClient client = start("resilience4j.ratelimiter.instances.backend.limit-for-period=3",
				"resilience4j.ratelimiter.instances.backend.limit-refresh-period=60s",
				"resilience4j.ratelimiter.instances.backend.timeout-duration=0");
		for (int i = 0; i < 3; i++) {
			client.work();
		}
		assertThatExceptionOfType(RequestNotPermitted.class).isThrownBy(client::work);
	}

	@Test
	void timeLimiterEndsASlowCallWithACallTimeout() {
		this.backends.forEach((backend) -> backend.delayedBy(Duration.ofMillis(2000)));
		BackendClient client = start("resilience4j.timelimiter.instances.backend.timeout-duration=200ms");
		long start = System.nanoTime();
		assertThatExceptionOfType(CallTimeoutException.class).isThrownBy(client::work)
			.withMessageContaining("200 ms (resilience4j.timelimiter.instances.backend.timeout-duration)");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
	}

	@Test
	void deadlineBoundsTheWholeCallRetriesIncluded() {
		this.backends.forEach((backend) -> backend.delayedBy(Duration.ofMillis(2000)));
		BackendClient client = start("microkit.calls.clients.backend.timeout=600ms");
		long start = System.nanoTime();
		assertThatExceptionOfType(CallTimeoutException.class).isThrownBy(client::work)
			.withMessageContaining("600 ms (microkit.calls.clients.backend.timeout)")
			.withCauseInstanceOf(RetryableException.class);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isBetween(Duration.ofMillis(550), Duration.ofMillis(1200));
		int attempts = totalRequests();
		assertThat(attempts).isBetween(2, 3);
	}

	@Test
	void aRetryGoesToAnInstanceTheCallHasNotTried() {
		BackendClient client = start("microkit.calls.clients.backend.load-balancer=consistent-hash",
				"microkit.calls.clients.backend.ejection.enabled=false");
		String owner = client.workWithKey("sticky");
		LoopbackBackend failing = this.backends.stream().filter((b) -> b.name().equals(owner)).findFirst().get();
		failing.answering(503);
		for (int i = 0; i < 10; i++) {
			assertThat(client.workWithKey("sticky")).isNotEqualTo(owner);
		}
		assertThat(failing.requests()).isEqualTo(11);
	}

	@Test
	void tooManyRequestsWithRetryAfterIsAnAnswerNotAFailure() {
		this.backends.forEach((backend) -> backend.answering(429).withHeader("Retry-After", "1"));
		BackendClient client = start();
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(FeignException.class).isThrownBy(client::work)
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(429));
		}
		assertThat(totalRequests()).isEqualTo(20);
		CircuitBreaker breaker = this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void settingsResolvePlaceholders() {
		start("deadline=1500ms", "microkit.calls.clients.backend.timeout=${deadline}");
		assertThat(this.context.getBean(ClientSettingsResolver.class).resolve("backend").getTimeout())
			.isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void serviceIdsNeedNotBeLowerCaseKebab() {
		this.context = CallsTestApplication.run(CamelCaseApplication.class, List.of(),
				"spring.cloud.discovery.client.simple.instances.InventoryService[0].uri=" + backend(0).uri(),
				"microkit.calls.clients[InventoryService].load-balancer=least-requests");
		CamelCaseClient client = this.context.getBean(CamelCaseClient.class);
		for (int i = 0; i < 5; i++) {
			assertThat(client.work()).isEqualTo("a");
		}
		assertThat(this.context.getBean(LoadBalancerClientFactory.class).getInstance("InventoryService"))
			.isInstanceOf(dev.microkit.calls.loadbalancer.LeastRequestsLoadBalancer.class);
		assertThat(this.context.getBean(dev.microkit.calls.instances.InstanceLoadRegistry.class)
			.forService("InventoryService")
			.all()
			.values()
			.stream()
			.mapToLong(dev.microkit.calls.instances.InstanceLoad::requests)
			.sum()).isEqualTo(5);
	}

	@Test
	void eachClientGetsTheBalancerItsSettingsName() {
		start("microkit.calls.defaults.load-balancer=weighted",
				"microkit.calls.clients.other.load-balancer=consistent-hash");
		LoadBalancerClientFactory factory = this.context.getBean(LoadBalancerClientFactory.class);
		assertThat(factory.getInstance("backend")).isInstanceOf(WeightedLoadBalancer.class);
		assertThat(factory.getInstance("other")).isInstanceOf(ConsistentHashLoadBalancer.class);
		assertThat(factory.getInstance("third")).isInstanceOf(WeightedLoadBalancer.class);
	}

	@Test
	void applicationLoadBalancerClientConfigurationWins() {
		this.context = CallsTestApplication.run(OwnBalancerApplication.class, this.backends);
		assertThat(this.context.getBean(LoadBalancerClientFactory.class).getInstance("backend"))
			.isInstanceOf(RandomLoadBalancer.class);
	}

	@Test
	void randomSpreadsCallsOverEveryInstance() {
		BackendClient client = start("microkit.calls.clients.backend.load-balancer=random");
		assertThat(this.context.getBean(LoadBalancerClientFactory.class).getInstance("backend"))
			.isInstanceOf(RandomLoadBalancer.class);
		for (int i = 0; i < 300; i++) {
			client.work();
		}
		// each a third on average; 20 % to 47 % leaves more than six standard deviations
		assertThat(this.backends).allSatisfy((backend) -> assertThat(backend.requests()).isBetween(60, 140));
	}

	@Test
	void theTraceOfTheCallerReachesTheInstanceThroughAClientSpan() {
		BackendClient client = start("management.tracing.sampling.probability=1.0");
		Tracer tracer = this.context.getBean(Tracer.class);
		Span caller = tracer.nextSpan().name("caller").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(caller)) {
			client.work();
		}
		finally {
			caller.end();
		}
		LoopbackBackend reached = this.backends.stream()
			.filter((backend) -> backend.requests() > 0)
			.findFirst()
			.orElseThrow();
		// W3C trace context: version-traceId-parentSpanId-flags
		String[] traceparent = reached.lastRequestHeader("traceparent").split("-");
		assertThat(traceparent[1]).isEqualTo(caller.context().traceId());
		assertThat(traceparent[2]).as("the parent of the server's span is the client span, not the caller's")
			.isNotEqualTo(caller.context().spanId());
		assertThat(traceparent[3]).isEqualTo("01");
	}

	@Test
	void peakEwmaIsTheDefault() {
		start();
		assertThat(this.context.getBean(LoadBalancerClientFactory.class).getInstance("backend"))
			.isInstanceOf(PeakEwmaLoadBalancer.class);
	}

	@Test
	void consistentHashKeepsAKeyOnOneInstance() {
		BackendClient client = start("microkit.calls.clients.backend.load-balancer=consistent-hash");
		for (String key : List.of("alpha", "beta", "gamma", "delta")) {
			String first = client.workWithKey(key);
			for (int i = 0; i < 20; i++) {
				assertThat(client.workWithKey(key)).isEqualTo(first);
			}
		}
	}

	@Test
	void springCloudDefaultsCanStillBeOverridden() {
		start("spring.cloud.loadbalancer.retry.enabled=true");
		assertThat(this.context.getEnvironment().getProperty("spring.cloud.loadbalancer.retry.enabled"))
			.isEqualTo("true");
		assertThat(this.context.getEnvironment().getProperty("spring.cloud.openfeign.circuitbreaker.enabled"))
			.isEqualTo("true");
	}

	private static List<Throwable> concurrently(int callers, Callable<?> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(executor.submit(call));
			}
			List<Throwable> failures = new ArrayList<>();
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					failures.add(ex.getCause());
				}
			}
			return failures;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FeignClient(name = "InventoryService")
	interface CamelCaseClient {

		@GetMapping("/work")
		String work();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableFeignClients(clients = CamelCaseClient.class)
	static class CamelCaseApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@LoadBalancerClient(name = "backend", configuration = OwnBalancerConfiguration.class)
	static class OwnBalancerApplication {

	}

	static class OwnBalancerConfiguration {

		@Bean
		ReactorLoadBalancer<ServiceInstance> randomLoadBalancer(Environment environment,
				LoadBalancerClientFactory factory) {
			String name = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
			return new RandomLoadBalancer(factory.getLazyProvider(name, ServiceInstanceListSupplier.class), name);
		}

	}

}
