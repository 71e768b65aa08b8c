package dev.microkit.calls.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import feign.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class ClientTimeoutsTests {

	private static final Request.Options FEIGN_DEFAULTS = new Request.Options();

	private static final long SECOND = 1_000_000_000L;

	private static FeignAttemptOptions feign(ClientTimeouts timeouts) {
		return new FeignAttemptOptions(timeouts);
	}

	@Test
	void derivesAttemptTimeoutsFromTheDeadline() {
		FeignAttemptOptions timeouts = feign(resolve(Duration.ofSeconds(3), 3, new MockEnvironment()));
		Request.Options attempt = timeouts.forAttempt(FEIGN_DEFAULTS, 3 * SECOND);
		assertThat(attempt.readTimeoutMillis()).isEqualTo(1000);
		assertThat(attempt.connectTimeoutMillis()).isEqualTo(1000);
	}

	@Test
	void neverGivesAnAttemptMoreThanWhatIsLeft() {
		FeignAttemptOptions timeouts = feign(resolve(Duration.ofSeconds(3), 3, new MockEnvironment()));
		Request.Options attempt = timeouts.forAttempt(FEIGN_DEFAULTS, TimeUnit.MILLISECONDS.toNanos(250));
		assertThat(attempt.readTimeoutMillis()).isEqualTo(250);
		assertThat(attempt.connectTimeoutMillis()).isEqualTo(250);
	}

	@Test
	void handsOutTheSameOptionsWhileTheTimeoutsAreTheSame() {
		FeignAttemptOptions timeouts = feign(resolve(Duration.ofSeconds(3), 3, new MockEnvironment()));
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
		Request.Options attempt = feign(resolve(Duration.ofSeconds(3), 3, environment)).forAttempt(FEIGN_DEFAULTS,
				3 * SECOND);
		assertThat(attempt.readTimeoutMillis()).isEqualTo(500);
		assertThat(attempt.connectTimeoutMillis()).isEqualTo(200);
	}

	@Test
	void aDefaultDeadlineGrowsToFitTheFeignClientsOwnReadTimeouts(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.openfeign.client.config.backend.read-timeout", "5000");
		ClientTimeouts timeouts = ClientTimeouts.resolve("backend", defaultDeadline(Duration.ofSeconds(10)),
				defaultAttempts(3), environment);
		assertThat(timeouts.deadlineNanos()).isEqualTo(15 * SECOND);
		assertThat(feign(timeouts).forAttempt(FEIGN_DEFAULTS, 15 * SECOND).readTimeoutMillis()).isEqualTo(5000);
		assertThat(output).contains("backend: the deadline is 15000 ms, not the default 10000 ms")
			.contains("spring.cloud.openfeign.client.config.backend.read-timeout");
	}

	@Test
	void aDefaultDeadlineGrowsToFitTheFeignClientsOwnConnectTimeout() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.openfeign.client.config.default.connect-timeout", "12000");
		ClientTimeouts timeouts = ClientTimeouts.resolve("backend", defaultDeadline(Duration.ofSeconds(10)),
				defaultAttempts(3), environment);
		assertThat(timeouts.deadlineNanos()).isEqualTo(12 * SECOND);
	}

	@Test
	void anExplicitDeadlineIsKeptWhenOnlyMicrokitsDefaultAttemptsDoNotFit(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.openfeign.client.config.backend.read-timeout", "2000");
		ClientTimeouts timeouts = ClientTimeouts.resolve("backend", explicitDeadline(Duration.ofSeconds(3)),
				defaultAttempts(3), environment);
		assertThat(timeouts.deadlineNanos()).isEqualTo(3 * SECOND);
		assertThat(feign(timeouts).forAttempt(FEIGN_DEFAULTS, TimeUnit.MILLISECONDS.toNanos(800)).readTimeoutMillis())
			.isEqualTo(800);
		assertThat(output).contains("a later attempt gets what is left of it");
	}

	@Test
	void explicitAttemptsAndReadTimeoutBeyondAnExplicitDeadlineFailNamingTheKeys() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.openfeign.client.config.backend.read-timeout", "2000");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> ClientTimeouts.resolve("backend", explicitDeadline(Duration.ofSeconds(3)),
					new ConfiguredValue<>(3, "resilience4j.retry.instances.backend.max-attempts", true), environment))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("microkit.calls.clients.backend.timeout"))
			.withMessageContaining("spring.cloud.openfeign.client.config.backend.read-timeout")
			.withMessageContaining("resilience4j.retry.instances.backend.max-attempts")
			.withMessageContaining("3 attempts");
	}

	@Test
	void aReadTimeoutLongerThanAnExplicitDeadlineFails() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.openfeign.client.config.backend.read-timeout", "5000");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> ClientTimeouts.resolve("backend", explicitDeadline(Duration.ofSeconds(3)),
					defaultAttempts(3), environment))
			.withMessageContaining("does not fit into 3000 ms");
	}

	@Test
	void aConnectTimeoutLongerThanAnExplicitDeadlineFails() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.openfeign.client.config.backend.connect-timeout", "5000");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> ClientTimeouts.resolve("backend", explicitDeadline(Duration.ofSeconds(3)),
					defaultAttempts(3), environment))
			.withMessageContaining("spring.cloud.openfeign.client.config.backend.connect-timeout");
	}

	private static ClientTimeouts resolve(Duration deadline, int attempts, MockEnvironment environment) {
		return ClientTimeouts.resolve("backend", explicitDeadline(deadline), defaultAttempts(attempts), environment);
	}

	private static ConfiguredValue<Duration> explicitDeadline(Duration deadline) {
		return new ConfiguredValue<>(deadline, "microkit.calls.clients.backend.timeout", true);
	}

	private static ConfiguredValue<Duration> defaultDeadline(Duration deadline) {
		return new ConfiguredValue<>(deadline, "microkit.calls.defaults.timeout", false);
	}

	private static ConfiguredValue<Integer> defaultAttempts(int attempts) {
		return new ConfiguredValue<>(attempts, "resilience4j.retry.instances.backend.max-attempts", false);
	}

}
