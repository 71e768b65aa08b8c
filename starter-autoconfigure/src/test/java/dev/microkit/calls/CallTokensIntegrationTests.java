package dev.microkit.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.microkit.testsupport.http.LoopbackBackend;
import dev.microkit.testsupport.http.LoopbackTokenEndpoint;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Calls to {@code backend}, two real HTTP servers on loopback that want a bearer token,
 * with the client-credentials token of Spring Security's registration named after the
 * service, from a real token endpoint on loopback.
 */
class CallTokensIntegrationTests {

	private final LoopbackTokenEndpoint tokenEndpoint = new LoopbackTokenEndpoint("caller", "caller-secret");

	private final List<LoopbackBackend> backends = List.of(new LoopbackBackend("a"), new LoopbackBackend("b"));

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.backends.forEach(LoopbackBackend::close);
		this.tokenEndpoint.close();
	}

	private void accepting(String... tokens) {
		List<String> accepted = new ArrayList<>();
		for (String token : tokens) {
			accepted.add("Bearer " + token);
		}
		this.backends.forEach((backend) -> backend.authorizedBy(accepted::contains));
	}

	private BackendClient feign(String... properties) {
		this.context = CallsTestApplication.run(this.backends, withRegistration(properties));
		return this.context.getBean(BackendClient.class);
	}

	private BackendHttpClient httpInterface(String... properties) {
		this.context = CallsTestApplication.run(HttpInterfaceTestApplication.class, this.backends,
				withRegistration(properties));
		return this.context.getBean(BackendHttpClient.class);
	}

	private String[] withRegistration(String... properties) {
		List<String> all = new ArrayList<>(List.of(
				"spring.security.oauth2.client.registration.backend.client-id=caller",
				"spring.security.oauth2.client.registration.backend.client-secret=caller-secret",
				"spring.security.oauth2.client.registration.backend.authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.registration.backend.scope=backend:read",
				"spring.security.oauth2.client.registration.backend.provider=test",
				"spring.security.oauth2.client.provider.test.token-uri=" + this.tokenEndpoint.tokenUri()));
		all.addAll(List.of(properties));
		return all.toArray(String[]::new);
	}

	@Test
	void feignAndHttpInterfaceCallsCarryTheServiceTokenFetchedOnceAndRenewedWhenRefused() throws InterruptedException {
		accepting("token-1", "relayed");
		BackendHttpClient httpInterface = httpInterface();
		BackendClient feign = this.context.getBean(BackendClient.class);
		for (int i = 0; i < 20; i++) {
			assertThat(feign.work()).isIn("a", "b");
			assertThat(httpInterface.work()).isIn("a", "b");
		}
		assertThat(this.tokenEndpoint.requests()).as("one token for both kinds of client").isEqualTo(1);
		assertThat(this.backends.get(0).requests() + this.backends.get(1).requests()).isEqualTo(40);
		assertThat(this.backends).allSatisfy((backend) -> assertThat(backend.unauthorized()).isZero());
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.token.requests")
			.tags("client", "backend", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(httpInterface.workAs("Bearer relayed")).as("a call's own Authorization is kept").isIn("a", "b");
		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> httpInterface.workAs("Bearer forged"));
		assertThat(this.tokenEndpoint.requests()).isEqualTo(1);
		Thread.sleep(1_100);
		accepting("token-2");
		assertThat(feign.work()).as("401, a new token, sent once more").isIn("a", "b");
		assertThat(this.tokenEndpoint.issued()).isEqualTo(2);
		Thread.sleep(1_100);
		accepting("token-3");
		assertThat(httpInterface.work()).isIn("a", "b");
		assertThat(this.tokenEndpoint.issued()).isEqualTo(3);
	}

	@Test
	void grpcUnaryCallsAndStreamsCarryTheServiceTokenAndLeaveAStubsOwnCredentialsAlone() throws Exception {
		accepting("token-1");
		try (GrpcFront a = new GrpcFront(this.backends.get(0)); GrpcFront b = new GrpcFront(this.backends.get(1))) {
			this.context = CallsTestApplication.run(GrpcTestApplication.class, this.backends, withRegistration(
					"spring.cloud.discovery.client.simple.instances.backend[0].metadata.grpc-port=" + a.port(),
					"spring.cloud.discovery.client.simple.instances.backend[1].metadata.grpc-port=" + b.port()));
			BackendGrpc.Client client = this.context.getBean(BackendGrpc.Client.class);
			for (int i = 0; i < 10; i++) {
				assertThat(client.work()).isIn("a", "b");
			}
			assertThat(this.tokenEndpoint.requests()).isEqualTo(1);
			Thread.sleep(1_100);
			accepting("token-2", "own");
			assertThat(client.work()).as("UNAUTHENTICATED, a new token, sent once more").isIn("a", "b");
			assertThat(this.tokenEndpoint.issued()).isEqualTo(2);
			CallOptions ownCredentials = CallOptions.DEFAULT.withCallCredentials(new BearerCredentials("own"));
			assertThat(ClientCalls.blockingUnaryCall(client.channel(), BackendGrpc.WORK, ownCredentials, ""))
				.as("the stub's own credentials, alone")
				.isIn("a", "b");
			assertThat(this.backends.get(0).unauthorized() + this.backends.get(1).unauthorized())
				.as("only token-1, once")
				.isOne();
			assertThat(ClientCalls
				.blockingServerStreamingCall(client.channel(), BackendGrpc.WATCH, CallOptions.DEFAULT, "")
				.next()).as("a stream carries the token too").isIn("a", "b");
			Thread.sleep(1_100);
			accepting("token-3");
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> ClientCalls
					.blockingServerStreamingCall(client.channel(), BackendGrpc.WATCH, CallOptions.DEFAULT, "")
					.next())
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
			assertThat(ClientCalls
				.blockingServerStreamingCall(client.channel(), BackendGrpc.WATCH, CallOptions.DEFAULT, "")
				.next()).as("the refused token was dropped for the next stream").isIn("a", "b");
			assertThat(this.tokenEndpoint.issued()).isEqualTo(3);
		}
	}

	@Test
	void aTokenRefusedRightAfterItWasIssuedIsKeptAndTheAnswerIs401() {
		accepting("someone-else's");
		BackendClient client = feign();
		assertThatExceptionOfType(feign.FeignException.Unauthorized.class).isThrownBy(client::work);
		assertThat(this.tokenEndpoint.requests()).isEqualTo(1);
		assertThat(this.context.getBean(CircuitBreakerRegistry.class)
			.circuitBreaker("backend")
			.getMetrics()
			.getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aTokenIsRenewedBeforeItExpiresAndWithTheIssuerDownCallsFailClosedOnceItHas() throws InterruptedException {
		// ClientCredentialsTokenTests has the moments between, on a clock of its own
		this.tokenEndpoint.issuingTokensFor(Duration.ofSeconds(3));
		accepting("token-1", "token-2", "token-3");
		BackendHttpClient client = httpInterface();
		client.work();
		Thread.sleep(1_000);
		client.work();
		assertThat(this.tokenEndpoint.issued()).isEqualTo(1);
		Thread.sleep(1_800);
		client.work();
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.tokenEndpoint.issued()).as("renewed in the last tenth of its life")
				.isEqualTo(2));
		this.tokenEndpoint.stop();
		Thread.sleep(3_100);
		int sent = this.backends.get(0).requests() + this.backends.get(1).requests();
		assertThatExceptionOfType(CallTokenException.class).isThrownBy(client::work)
			.withMessageContaining("No access token for calls to backend")
			.withMessageContaining("registration 'backend'")
			.withMessageContaining(this.tokenEndpoint.tokenUri());
		assertThat(this.backends.get(0).requests() + this.backends.get(1).requests()).as("nothing sent without a token")
			.isEqualTo(sent);
		assertThat(this.backends).allSatisfy((backend) -> assertThat(backend.unauthorized()).isZero());
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.calls").tags("client", "backend", "outcome", "no_token").timer().count())
			.isEqualTo(1);
		assertThat(this.context.getBean(CircuitBreakerRegistry.class)
			.circuitBreaker("backend")
			.getMetrics()
			.getNumberOfFailedCalls()).isEqualTo(1);
		this.tokenEndpoint.restart();
		Thread.sleep(1_100); // a failed fetch answers for a second
		assertThat(client.work()).isIn("a", "b");
		assertThat(this.tokenEndpoint.issued()).isEqualTo(3);
	}

	@Test
	void aClientTheIssuerRefusesFailsWithTheIssuersAnswer() {
		this.tokenEndpoint.refusingTheClient();
		BackendClient client = feign();
		assertThatExceptionOfType(CallTokenException.class).isThrownBy(client::work)
			.withMessageContaining("invalid_client");
		assertThat(this.backends).allSatisfy((backend) -> assertThat(backend.requests()).isZero());
	}

	@Test
	void aServiceWithoutARegistrationIsCalledWithoutAToken() {
		this.context = CallsTestApplication.run(this.backends);
		assertThat(this.context.getBean(BackendClient.class).work()).isIn("a", "b");
		assertThat(this.backends)
			.allSatisfy((backend) -> assertThat(backend.lastRequestHeader("Authorization")).isNull());
	}

	@Test
	void aRegistrationNamedForTheServiceCanBeReplaced() {
		accepting("token-1");
		BackendClient client = feign("spring.security.oauth2.client.registration.shared.client-id=caller",
				"spring.security.oauth2.client.registration.shared.client-secret=wrong",
				"spring.security.oauth2.client.registration.shared.authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.registration.shared.provider=test",
				"microkit.calls.clients.backend.oauth2.registration-id=shared");
		assertThatExceptionOfType(CallTokenException.class).isThrownBy(client::work)
			.withMessageContaining("registration 'shared'");
	}

	/**
	 * Call credentials of a stub that authorizes its calls itself.
	 */
	private static final class BearerCredentials extends CallCredentials {

		private final String token;

		BearerCredentials(String token) {
			this.token = token;
		}

		@Override
		public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
			Metadata headers = new Metadata();
			headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + this.token);
			applier.apply(headers);
		}

	}

}
