package dev.microkit.calls.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Resilience4jVersionTests {

	@Test
	void theBuildsResilience4jHasTheLockFreeWindowAndTheDefaultsUseIt() {
		assertThat(Resilience4jVersion.hasLockFreeWindow()).isTrue();
		assertThat(CallsResilienceDefaults.circuitBreaker().getSlidingWindowSynchronizationStrategy())
			.isEqualTo(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE);
	}

	@Test
	void theMessageNamesTheVersionFoundAndTheFix() {
		assertThat(Resilience4jVersion.message("2.2.0")).startsWith("Resilience4j 2.2.0 found")
			.contains("2.3.0 or later")
			.contains("import dev.microkit:microkit-dependencies");
	}

	@Test
	void theMessageSaysOlderWhenTheJarNamesNoVersion() {
		assertThat(Resilience4jVersion.message(null)).startsWith("Resilience4j older than 2.3.0 found");
	}

}
