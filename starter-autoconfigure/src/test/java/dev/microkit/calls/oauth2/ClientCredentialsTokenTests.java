package dev.microkit.calls.oauth2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.CallTokenException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When a service's token is fetched, kept, renewed and dropped, on a clock the test
 * moves: tokens of 20 s from an endpoint that can be made to fail. Fetches run at once on
 * the calling thread, unless the test holds them to run them later.
 */
class ClientCredentialsTokenTests {

	private final List<Runnable> heldFetches = new ArrayList<>();

	private boolean holdingFetches;

	private final Executor fetches = (fetch) -> {
		if (this.holdingFetches) {
			this.heldFetches.add(fetch);
		}
		else {
			fetch.run();
		}
	};

	private final AtomicLong now = new AtomicLong();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicBoolean down = new AtomicBoolean();

	private final ClientCredentialsToken token = new ClientCredentialsToken("inventory-service",
			ClientRegistration.withRegistrationId("inventory-service")
				.clientId("order-service")
				.clientSecret("secret")
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri("http://issuer.test/oauth2/token")
				.build(),
			(request) -> {
				int n = this.requests.incrementAndGet();
				if (this.down.get()) {
					throw new ResourceAccessException("I/O error: Connection refused");
				}
				return OAuth2AccessTokenResponse.withToken("token-" + n)
					.tokenType(OAuth2AccessToken.TokenType.BEARER)
					.expiresIn(20)
					.build();
			}, new TokenRequestTimers(new SimpleMeterRegistry(), "inventory-service"), this.fetches, this.now::get);

	private void at(Duration time) {
		this.now.set(time.toNanos());
	}

	@Test
	void aTokenIsKeptUntilTheLastTenthOfItsLifeThenRenewedWhileCallsGoOnWithIt() {
		assertThat(this.token.authorization()).isEqualTo("Bearer token-1");
		at(Duration.ofMillis(17_900));
		assertThat(this.token.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.requests).hasValue(1);
		this.holdingFetches = true;
		at(Duration.ofMillis(18_100));
		assertThat(this.token.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.token.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.heldFetches).as("one fetch for all callers").hasSize(1);
		this.heldFetches.remove(0).run();
		assertThat(this.token.authorization()).isEqualTo("Bearer token-2");
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void aCallWithNoTokenToUseWaitsForTheFetchNoLongerThanItsDeadline() {
		this.holdingFetches = true;
		try (CallAttempts.Scope call = CallAttempts.begin("inventory-service",
				System.nanoTime() + Duration.ofMillis(50).toNanos())) {
			assertThatExceptionOfType(CallTokenException.class).isThrownBy(this.token::authorization)
				.withMessageContaining("No access token for calls to inventory-service within the call's deadline")
				.withMessageContaining("http://issuer.test/oauth2/token");
		}
		assertThat(this.heldFetches).hasSize(1);
		this.heldFetches.remove(0).run();
		assertThat(this.token.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.requests).hasValue(1);
	}

	@Test
	void withTheEndpointDownTheTokenServesUntilItExpiresThenCallsFailClosed() {
		this.token.authorization();
		this.down.set(true);
		at(Duration.ofMillis(18_500));
		assertThat(this.token.authorization()).as("due for renewal, not expired").isEqualTo("Bearer token-1");
		at(Duration.ofMillis(19_000));
		assertThat(this.token.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.requests).as("not asked again within the failure's second").hasValue(2);
		at(Duration.ofMillis(19_900));
		assertThat(this.token.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.requests).as("asked again after the failure's second").hasValue(3);
		at(Duration.ofMillis(20_100));
		assertThatExceptionOfType(CallTokenException.class).isThrownBy(this.token::authorization)
			.withMessageContaining("No access token for calls to inventory-service")
			.withMessageContaining("registration 'inventory-service'")
			.withMessageContaining("http://issuer.test/oauth2/token")
			.withMessageContaining("Connection refused");
	}

	@Test
	void aFailedFetchAnswersForASecondWithoutAskingAgain() {
		this.down.set(true);
		assertThatExceptionOfType(CallTokenException.class).isThrownBy(this.token::authorization);
		at(Duration.ofMillis(900));
		assertThatExceptionOfType(CallTokenException.class).isThrownBy(this.token::authorization)
			.withMessageContaining("Connection refused");
		assertThat(this.requests).hasValue(1);
		this.down.set(false);
		at(Duration.ofMillis(1_100));
		assertThat(this.token.authorization()).isEqualTo("Bearer token-2");
	}

	@Test
	void aRefusedTokenIsDroppedUnlessItIsUnderASecondOld() {
		this.token.authorization();
		at(Duration.ofMillis(500));
		assertThat(this.token.rejected("Bearer token-1")).as("too young to help by replacing").isFalse();
		assertThat(this.token.authorization()).isEqualTo("Bearer token-1");
		at(Duration.ofMillis(1_500));
		assertThat(this.token.rejected("Bearer token-1")).isTrue();
		assertThat(this.token.authorization()).isEqualTo("Bearer token-2");
		assertThat(this.token.rejected("Bearer token-1")).as("replaced already").isTrue();
		assertThat(this.token.authorization()).isEqualTo("Bearer token-2");
		assertThat(this.requests).hasValue(2);
	}

}
