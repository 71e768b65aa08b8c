package dev.microkit.testsupport.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The backend as a client sees it.
 */
class LoopbackBackendTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void answersWithItsNameAfterItsDelay() throws Exception {
		try (LoopbackBackend backend = new LoopbackBackend("a").delayedBy(Duration.ofMillis(50))) {
			long start = System.nanoTime();
			HttpResponse<String> response = get(backend, "/work?x=1");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
			assertThat(response.body()).isEqualTo("a");
			assertThat(backend.requests()).isOne();
			assertThat(backend.lastRequestTarget()).isEqualTo("/work?x=1");
		}
	}

	@Test
	void answersWithTheStatusAndHeaderItIsGiven() throws Exception {
		try (LoopbackBackend backend = new LoopbackBackend("a").answering(503).withHeader("Retry-After", "1")) {
			HttpResponse<String> response = get(backend, "/");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		}
	}

	@Test
	void refusesConnectionsWhileStoppedAndAnswersOnItsPortWhenRestarted() throws Exception {
		try (LoopbackBackend backend = new LoopbackBackend("a")) {
			int port = backend.port();
			backend.stop();
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get(backend, "/"));
			backend.restart();
			assertThat(backend.port()).isEqualTo(port);
			assertThat(get(backend, "/").body()).isEqualTo("a");
		}
	}

	private HttpResponse<String> get(LoopbackBackend backend, String target) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(backend.uri() + target)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
