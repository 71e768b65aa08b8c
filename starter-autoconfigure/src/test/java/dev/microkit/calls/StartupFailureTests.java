package dev.microkit.calls;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.microkit.testsupport.http.LoopbackBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Wrong configuration stops the application with a report that names the property, the
 * value and what is accepted.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	private final LoopbackBackend backend = new LoopbackBackend("a");

	@AfterEach
	void stop() {
		this.backend.close();
	}

	private void start(String... properties) {
		assertThatException().isThrownBy(() -> CallsTestApplication.run(List.of(this.backend), properties));
	}

	@Test
	void unknownLoadBalancer(CapturedOutput output) {
		start("microkit.calls.defaults.load-balancer=fastest");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("microkit.calls.defaults.load-balancer")
			.contains("\"fastest\"")
			.contains("round-robin, random, weighted, least-requests, peak-ewma, consistent-hash");
	}

	@Test
	void negativeDuration(CapturedOutput output) {
		start("microkit.calls.clients.backend.timeout=-1s");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("microkit.calls.clients.backend.timeout")
			.contains("-1s")
			.contains("must be a positive duration");
	}

	@Test
	void weightThatIsNotANumber(CapturedOutput output) {
		start("spring.cloud.discovery.client.simple.instances.backend[0].metadata.weight=heavy");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("spring.cloud.discovery.client.simple.instances.backend[0].metadata.weight")
			.contains("'heavy'")
			.contains("positive number");
	}

	@Test
	void readTimeoutTimesAttemptsBeyondTheDeadline(CapturedOutput output) {
		start("microkit.calls.clients.backend.timeout=2s",
				"spring.cloud.openfeign.client.config.backend.read-timeout=5000");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("microkit.calls.clients.backend.timeout")
			.contains("spring.cloud.openfeign.client.config.backend.read-timeout")
			.contains("max-attempts");
	}

	@Test
	void registrationThatDoesNotExist(CapturedOutput output) {
		start("microkit.calls.clients.backend.oauth2.registration-id=nowhere");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("microkit.calls.clients.backend.oauth2.registration-id")
			.contains("nowhere")
			.contains("no registration 'nowhere' under spring.security.oauth2.client.registration");
	}

}
