package dev.microkit.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.microkit.testsupport.http.LoopbackBackend;
import dev.microkit.testsupport.http.LoopbackTokenEndpoint;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
	void feignCallsCarryTheServiceTokenFetchedOnce() {
		accepting("token-1");
		BackendClient client = feign();
		for (int i = 0; i < 20; i++) {
			assertThat(client.work()).isIn("a", "b");
		}
		assertThat(this.tokenEndpoint.requests()).isEqualTo(1);
		assertThat(this.backends.get(0).requests() + this.backends.get(1).requests()).isEqualTo(20);
		assertThat(this.backends).allSatisfy((backend) -> assertThat(backend.unauthorized()).isZero());
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.token.requests")
			.tags("client", "backend", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void httpInterfaceCallsCarryTheServiceTokenFetchedOnce() {
		accepting("token-1");
		BackendHttpClient client = httpInterface();
		for (int i = 0; i < 20; i++) {
			assertThat(client.work()).isIn("a", "b");
		}
		assertThat(this.tokenEndpoint.requests()).isEqualTo(1);
		assertThat(this.backends).allSatisfy((backend) -> assertThat(backend.unauthorized()).isZero());
	}

	@Test
	void aRefusedTokenIsReplacedAndTheAttemptSentOnceMore() throws InterruptedException {
		accepting("token-1");
		BackendHttpClient httpInterface = httpInterface();
		BackendClient feign = this.context.getBean(BackendClient.class);
		feign.work();
		Thread.sleep(1_100);
		accepting("token-2");
		assertThat(feign.work()).isIn("a", "b");
		assertThat(this.tokenEndpoint.issued()).isEqualTo(2);
		Thread.sleep(1_100);
		accepting("token-3");
		assertThat(httpInterface.work()).isIn("a", "b");
		assertThat(this.tokenEndpoint.issued()).isEqualTo(3);
		assertThat(this.backends.get(0).unauthorized() + this.backends.get(1).unauthorized()).isEqualTo(2);
	}

	@Test
	void aTokenRefusedRightAfterItWasIssuedIsKeptAndTheAnswerIs401() {
		accepting("someone-else's");
		BackendClient client = feign();
		assertThatExceptionOfType(feign.FeignException.Unauthorized.class).isThrownBy(client::work);
		assertThatExceptionOfType(feign.FeignException.Unauthorized.class).isThrownBy(client::work);
		assertThat(this.tokenEndpoint.requests()).isEqualTo(1);
		assertThat(this.context.getBean(CircuitBreakerRegistry.class)
			.circuitBreaker("backend")
			.getMetrics()
			.getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aTokenIsRenewedShortlyBeforeItExpires() throws InterruptedException {
		this.tokenEndpoint.issuingTokensFor(Duration.ofSeconds(2));
		accepting("token-1", "token-2");
		BackendClient client = feign();
		client.work();
		Thread.sleep(1_000);
		client.work();
		assertThat(this.tokenEndpoint.issued()).isEqualTo(1);
		Thread.sleep(900);
		client.work();
		assertThat(this.tokenEndpoint.issued()).isEqualTo(2);
		assertThat(this.backends.get(0).unauthorized() + this.backends.get(1).unauthorized()).isZero();
	}

	@Test
	void withTheIssuerDownCallsKeepTheirTokenUntilItExpiresThenFailClosed() throws InterruptedException {
		this.tokenEndpoint.issuingTokensFor(Duration.ofSeconds(2));
		accepting("token-1");
		BackendHttpClient client = httpInterface();
		client.work();
		this.tokenEndpoint.stop();
		Thread.sleep(1_900);
		assertThat(client.work()).as("due for renewal, not expired").isIn("a", "b");
		Thread.sleep(200);
		int sent = this.backends.get(0).requests() + this.backends.get(1).requests();
		assertThatExceptionOfType(CallTokenException.class).isThrownBy(client::work)
			.withMessageContaining("No access token for calls to backend")
			.withMessageContaining("registration 'backend'")
			.withMessageContaining(this.tokenEndpoint.tokenUri());
		assertThat(this.backends.get(0).requests() + this.backends.get(1).requests()).as("nothing sent without a token")
			.isEqualTo(sent);
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.calls.calls").tags("client", "backend", "outcome", "no_token").timer().count())
			.isEqualTo(1);
		assertThat(this.context.getBean(CircuitBreakerRegistry.class)
			.circuitBreaker("backend")
			.getMetrics()
			.getNumberOfFailedCalls()).isEqualTo(1);
		this.tokenEndpoint.restart();
		accepting("token-2");
		assertThat(client.work()).isIn("a", "b");
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

	@Test
	void aCallWithItsOwnAuthorizationKeepsIt() {
		accepting("token-1", "relayed");
		BackendHttpClient client = httpInterface();
		assertThat(client.workAs("Bearer relayed")).isIn("a", "b");
		assertThat(this.tokenEndpoint.requests()).isZero();
		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> client.workAs("Bearer forged"));
	}

}
