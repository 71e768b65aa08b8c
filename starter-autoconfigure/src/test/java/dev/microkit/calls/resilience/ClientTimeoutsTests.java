package dev.microkit.calls.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import feign.Request;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientTimeoutsTests {

	private static final Request.Options FEIGN_DEFAULTS = new Request.Options();

	private static final long SECOND = 1_000_000_000L;

	@Test
	void derivesAttemptTimeoutsFromTheDeadline() {
		ClientTimeouts timeouts = resolve(Duration.ofSeconds(3), 3, new MockEnvironment());
		Request.Options attempt = timeouts.forAttempt(FEIGN_DEFAULTS, 3 * SECOND);
		assertThat(attempt.readTimeoutMillis()).isEqualTo(1000);
		assertThat(attempt.connectTimeoutMillis()).isEqualTo(1000);
	}

	@Test
	void neverGivesAnAttemptMoreThanWhatIsLeft() {
		ClientTimeouts timeouts = resolve(Duration.ofSeconds(3), 3, new MockEnvironment());
		Request.Options attempt = timeouts.forAttempt(FEIGN_DEFAULTS, TimeUnit.MILLISECONDS.toNanos(250));
		assertThat(attempt.readTimeoutMillis()).isEqualTo(250);
		assertThat(attempt.connectTimeoutMillis()).isEqualTo(250);
	}

	@Test
	void handsOutTheSameOptionsWhileTheTimeoutsAreTheSame() {
		ClientTimeouts timeouts = resolve(Duration.ofSeconds(3), 3, new MockEnvironment());
		Request.Options first = timeouts.forAttempt(FEIGN_DEFAULTS, 3 * SECOND);
		assertThat(timeouts.forAttempt(FEIGN_DEFAULTS, 2 * SECOND)).isSameAs(first);
		Request.Options cut = timeouts.forAttempt(FEIGN_DEFAULTS, TimeUnit.MILLISECONDS.toNanos(250));
		assertThat(cut.readTimeoutMillis()).isEqualTo(250);
		Request.Options notFollowingRedirects = new Request.Options(10, TimeUnit.SECONDS, 60, TimeUnit.SECONDS, false);
		Request.Options own = timeouts.forAttempt(notFollowingRedirects, 3 * SECOND);
		assertThat(own.isFollowRedirects()).isFalse();
		assertThat(timeouts.forAttempt(FEIGN_DEFAULTS, 3 * SECOND).isFollowRedirects()).isTrue();
	}

	@Test
	void usesTheFeignClientsOwnTimeoutsWhenTheyFit() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.openfeign.client.config.backend.read-timeout", "500")
			.withProperty("spring.cloud.openfeign.client.config.default.connect-timeout", "200");
		Request.Options attempt = resolve(Duration.ofSeconds(3), 3, environment).forAttempt(FEIGN_DEFAULTS,
				3 * SECOND);
		assertThat(attempt.readTimeoutMillis()).isEqualTo(500);
		assertThat(attempt.connectTimeoutMillis()).isEqualTo(200);
	}

	@Test
	void readTimeoutTimesAttemptsBeyondTheDeadlineFailsNamingTheKeys() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.openfeign.client.config.backend.read-timeout", "2000");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> resolve(Duration.ofSeconds(3), 3, environment))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("microkit.calls.clients.backend.timeout"))
			.withMessageContaining("spring.cloud.openfeign.client.config.backend.read-timeout")
			.withMessageContaining("resilience4j.retry.instances.backend.max-attempts")
			.withMessageContaining("3 attempts");
	}

	private static ClientTimeouts resolve(Duration deadline, int attempts, MockEnvironment environment) {
		return ClientTimeouts.resolve("backend", deadline, "microkit.calls.clients.backend.timeout", attempts,
				"resilience4j.retry.instances.backend.max-attempts", environment);
	}

}
