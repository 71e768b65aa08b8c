package dev.microkit.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A gRPC client of {@code backend} against three real gRPC servers on loopback, under the
 * same policy as the Feign client of the same service.
 */
class GrpcCallsIntegrationTests extends CallPolicyScenarios {

	private final List<GrpcFront> fronts = new ArrayList<>();

	@BeforeEach
	void startFronts() {
		this.backends.forEach((backend) -> this.fronts.add(new GrpcFront(backend)));
	}

	@AfterEach
	void stopFronts() {
		this.fronts.forEach(GrpcFront::close);
	}

	@Override
	protected ScenarioClient startClient(String... properties) {
		BackendGrpc.Client client = startGrpc(properties);
		return ScenarioClient.of(client::work, client::create, client::createIdempotent, client::createWithKey);
	}

	@Override
	protected Class<? extends Throwable> serviceUnavailable() {
		return StatusRuntimeException.class;
	}

	@Override
	protected Class<? extends Throwable> notFound() {
		return StatusRuntimeException.class;
	}

	@Test
	void statusesReachTheCallerAsTheyWere() {
		backend(0).answering(503);
		backend(1).answering(404);
		backend(2).answering(409);
		BackendGrpc.Client client = startGrpc("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false");
		List<Status.Code> codes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> client.create("order"))
				.satisfies((ex) -> codes.add(ex.getStatus().getCode()));
		}
		assertThat(codes).containsExactlyInAnyOrder(Status.Code.UNAVAILABLE, Status.Code.NOT_FOUND,
				Status.Code.ALREADY_EXISTS);
	}

	@Test
	void aCallThatOutlivesItsDeadlineEndsWithTheDeadlineNamed() {
		this.backends.forEach((backend) -> backend.delayedBy(Duration.ofMillis(2_000)));
		BackendGrpc.Client client = startGrpc("microkit.calls.clients.backend.timeout=600ms");
		long start = System.nanoTime();
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(client::work)
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED))
			.withMessageContaining("microkit.calls.clients.backend.timeout");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
	}

	@Test
	void callsSucceedWhenOneGrpcServerRefusesConnections() {
		this.fronts.get(2).stop();
		BackendGrpc.Client client = startGrpc();
		for (int i = 0; i < 100; i++) {
			assertThat(client.work()).isIn("a", "b");
		}
		assertThat(backend(2).requests()).isZero();
	}

	@Test
	void futureStubCallsRunUnderThePolicyToo() throws Exception {
		backend(1).answering(503);
		BackendGrpc.Client client = startGrpc("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false");
		for (int i = 0; i < 30; i++) {
			String answer = ClientCalls
				.futureUnaryCall(client.channel().newCall(BackendGrpc.WORK, io.grpc.CallOptions.DEFAULT), "")
				.get(5, TimeUnit.SECONDS);
			assertThat(answer).isIn("a", "c");
		}
		assertThat(backend(1).requests()).isGreaterThan(0);
	}

	@Test
	void sharesTheBreakerAndTheCallMetricsOfTheServiceWithItsFeignClients() {
		BackendGrpc.Client client = startGrpc();
		BackendClient feign = this.context.getBean(BackendClient.class);
		for (int i = 0; i < 5; i++) {
			client.work();
			feign.work();
		}
		CircuitBreaker breaker = this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("backend");
		assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(10);
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.calls").tags("client", "backend", "outcome", "success").timer().count())
			.isEqualTo(10);
	}

	@Test
	void aStatusAboutTheRequestIsCountedAsTheCallersNotTheServices() {
		this.backends.forEach((backend) -> backend.answering(409));
		BackendGrpc.Client client = startGrpc();
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(client::work);
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(
				meters.get("microkit.calls.calls").tags("client", "backend", "outcome", "client_error").timer().count())
			.isEqualTo(1);
		assertThat(meters.get("microkit.calls.requests").tags("client", "backend", "outcome", "client_error").timers())
			.isNotEmpty();
		assertThat(totalRequests()).isEqualTo(1);
	}

	@Test
	void anInstanceWithoutAGrpcPortIsAClearError() {
		this.context = CallsTestApplication.run(GrpcTestApplication.class, this.backends);
		BackendGrpc.Client client = this.context.getBean(BackendGrpc.Client.class);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(client::work)
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION))
			.withMessageContaining("microkit.calls.clients.backend.grpc.port");
		assertThat(totalRequests()).isZero();
	}

	private BackendGrpc.Client startGrpc(String... properties) {
		List<String> all = new ArrayList<>();
		for (int i = 0; i < this.fronts.size(); i++) {
			all.add("spring.cloud.discovery.client.simple.instances.backend[" + i + "].metadata.grpc-port="
					+ this.fronts.get(i).port());
		}
		// gRPC has no idempotency header: the method that sends a key is named by
		// configuration
		all.add("microkit.calls.clients.backend.grpc.idempotent-methods=test.Backend/CreateWithKey");
		all.addAll(List.of(properties));
		this.context = CallsTestApplication.run(GrpcTestApplication.class, this.backends, all.toArray(String[]::new));
		return this.context.getBean(BackendGrpc.Client.class);
	}

}
