package dev.microkit.calls;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.testsupport.http.LoopbackBackend;

/**
 * Base of tests that call three real HTTP servers on loopback, {@code a}, {@code b} and
 * {@code c}, through the {@link BackendClient} of a {@link CallsTestApplication}.
 */
abstract class LoopbackBackendsTests {

	protected final List<LoopbackBackend> backends = new ArrayList<>();

	protected ConfigurableApplicationContext context;

	@BeforeEach
	void startBackends() {
		for (String name : List.of("a", "b", "c")) {
			this.backends.add(new LoopbackBackend(name));
		}
	}

	@AfterEach
	void stopEverything() {
		if (this.context != null) {
			this.context.close();
		}
		this.backends.forEach(LoopbackBackend::close);
	}

	protected BackendClient start(String... properties) {
		this.context = CallsTestApplication.run(this.backends, properties);
		return this.context.getBean(BackendClient.class);
	}

	protected LoopbackBackend backend(int index) {
		return this.backends.get(index);
	}

	protected int totalRequests() {
		return this.backends.stream().mapToInt(LoopbackBackend::requests).sum();
	}

}
