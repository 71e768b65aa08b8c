package dev.microkit.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.calls.BackendClient;
import dev.microkit.calls.CallsTestApplication;
import dev.microkit.testsupport.http.LoopbackBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console of a web application that calls two loopback instances: its page, assets
 * and snapshots, where it is served and where it is not.
 */
class ConsoleTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<LoopbackBackend> backends = List.of(new LoopbackBackend("one"), new LoopbackBackend("two"));

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.backends.forEach(LoopbackBackend::close);
	}

	@Test
	void thePageAndItsAssetsComeFromTheJarWithAPolicyThatAllowsOnlyThem() throws Exception {
		String base = "http://localhost:" + port(run("microkit.console.enabled=true"), "local.server.port");
		HttpResponse<String> page = get(base + "/microkit/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("default-src 'none'", "script-src 'self'"));
		assertThat(page.body()).contains("<script src=\"console.js\"", "href=\"console.css\"");
		assertThat(get(base + "/microkit/console.js").body()).contains("snapshots?after=");
		assertThat(get(base + "/microkit/console.css").headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("text/css"));
		assertThat(get(base + "/microkit").headers().firstValue("Location")).hasValue("microkit/");
	}

	@Test
	void snapshotsShowEachInstanceACallReachedAndTheClientsBreakerAndBudget() throws Exception {
		ConfigurableApplicationContext context = run("microkit.console.enabled=true");
		String snapshots = "http://localhost:" + port(context, "local.server.port") + "/microkit/snapshots";
		BackendClient client = context.getBean(BackendClient.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (int i = 0; i < 20; i++) {
				client.work();
			}
			JsonNode answer = json(get(snapshots));
			JsonNode latest = answer.get("snapshots").get(answer.get("snapshots").size() - 1);
			JsonNode backend = latest.get("clients").get(0);
			assertThat(backend.get("client").asText()).isEqualTo("backend");
			assertThat(backend.get("circuitBreaker").asText()).isEqualTo("CLOSED");
			assertThat(backend.get("retriesLeft").asInt()).isPositive();
			assertThat(backend.get("instances")).hasSize(2);
			for (JsonNode instance : backend.get("instances")) {
				assertThat(instance.get("callsPerSecond").asDouble()).isPositive();
				assertThat(instance.get("p99Ms").asDouble()).isPositive();
				assertThat(instance.get("ejected").asBoolean()).isFalse();
			}
		});
		JsonNode all = json(get(snapshots + "?after=-1"));
		long last = all.get("snapshots").get(all.get("snapshots").size() - 1).get("seq").asLong();
		assertThat(json(get(snapshots + "?after=" + last)).get("snapshots")).hasSizeLessThanOrEqualTo(1);
		assertThat(json(get(snapshots + "?after=" + (last + 1000))).get("snapshots").size())
			.isEqualTo(all.get("snapshots").size());
	}

	@Test
	void theConsoleIsOffUnlessEnabled() throws Exception {
		String base = "http://localhost:" + port(run(), "local.server.port");
		assertThat(get(base + "/microkit/").statusCode()).isEqualTo(404);
		assertThat(get(base + "/microkit/snapshots").statusCode()).isEqualTo(404);
	}

	@Test
	void withAManagementPortTheConsoleIsThereAndNotBesideTheApplication() throws Exception {
		ConfigurableApplicationContext context = run("microkit.console.enabled=true", "management.server.port=0");
		String application = "http://localhost:" + port(context, "local.server.port");
		String management = "http://localhost:" + port(context, "local.management.port");
		assertThat(get(management + "/microkit/").statusCode()).isEqualTo(200);
		assertThat(json(get(management + "/microkit/snapshots")).get("service").asText()).isEqualTo("console-test");
		assertThat(get(application + "/microkit/").statusCode()).isEqualTo(404);
		assertThat(get(application + "/microkit/snapshots").statusCode()).isEqualTo(404);
	}

	private ConfigurableApplicationContext run(String... properties) {
		// an application without Spring Security, whose test classpath has it for the
		// calls' tokens: the console's own safety is what is tested
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.application.name=console-test",
				"spring.main.banner-mode=off", "spring.cloud.refresh.enabled=false",
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
						+ "org.springframework.boot.actuate.autoconfigure.security.servlet."
						+ "ManagementWebSecurityAutoConfiguration"));
		for (int i = 0; i < this.backends.size(); i++) {
			all.add("spring.cloud.discovery.client.simple.instances.backend[" + i + "].uri="
					+ this.backends.get(i).uri());
		}
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CallsTestApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context, String property) {
		return context.getEnvironment().getRequiredProperty(property, Integer.class);
	}

	private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) throws IOException {
		assertThat(response.statusCode()).isEqualTo(200);
		return new ObjectMapper().readTree(response.body());
	}

}
