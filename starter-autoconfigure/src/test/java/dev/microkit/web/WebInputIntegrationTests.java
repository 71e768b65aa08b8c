package dev.microkit.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.microkit.testsupport.RawHttp;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Tomcat with a 1KB body limit and problem details: what a client sees for bodies
 * over the limit and for the errors that Spring MVC's exception handling never sees.
 */
@SpringBootTest(classes = WebInputIntegrationTests.EchoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "microkit.web.max-request-body-size=1KB", "spring.mvc.problemdetails.enabled=true" })
class WebInputIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void aBodyWithinTheLimitIsRead() throws IOException {
		RawHttp.Response response = post("Content-Length: 1024", json(1024));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).startsWith("{\"text\":\"aaa");
	}

	@Test
	void aBodyDeclaredLargerThanTheLimitIsA413Problem() throws IOException {
		assertProblem(post("Content-Length: 1025", json(1025)), 413);
	}

	@Test
	void aChunkedBodyThatGrowsPastTheLimitIsA413ProblemNotA400() throws IOException {
		byte[] body = json(4096);
		byte[][] chunks = new byte[8][];
		for (int i = 0; i < 8; i++) {
			chunks[i] = chunk(body, i * 512, 512);
		}
		assertProblem(post("Transfer-Encoding: chunked", chunks), 413);
	}

	@Test
	void aChunkedBodyWithinTheLimitIsRead() throws IOException {
		byte[] body = json(600);
		RawHttp.Response response = post("Transfer-Encoding: chunked", chunk(body, 0, 300), chunk(body, 300, 300),
				"0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void aBrokenChunkedBodyIsA400Problem() throws IOException {
		assertProblem(post("Transfer-Encoding: chunked", "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
				400);
	}

	@Test
	void aWildcardContentTypeIsA415ProblemNotA500() throws IOException {
		assertProblem(raw().exchange("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: */*\r\n"
				+ "Content-Length: 2\r\nConnection: close\r\n\r\n{}"), 415);
	}

	@Test
	void anErrorKeepsItsProblemDetailWhenTheAcceptHeaderIsNoMediaType() throws IOException {
		assertProblem(raw().exchange("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Accept: garbage\r\nContent-Length: 1\r\nConnection: close\r\n\r\n{"), 400);
	}

	@Test
	void aMalformedRequestLineIsA400ProblemNotTomcatsHtmlPage() throws IOException {
		assertProblem(raw().exchange("GET /echo{x} HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
		assertProblem(raw().exchange("NONSENSE\r\n\r\n"), 400);
	}

	@Test
	void traceIsA405Problem() throws IOException {
		assertProblem(raw().exchange("TRACE /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 405);
	}

	@Test
	void headersTooLargeAreA400Problem() throws IOException {
		assertProblem(raw().exchange("GET /echo HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
				+ "\r\nConnection: close\r\n\r\n"), 400);
	}

	@Test
	void anExceptionEscapingAFilterIsA500ProblemWithoutItsMessage() throws IOException {
		RawHttp.Response response = raw()
			.exchange("GET /explode HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertProblem(response, 500);
		assertThat(response.body()).contains("\"instance\":\"/explode\"").doesNotContain("secret");
	}

	@Test
	void theErrorPathIsNoResourceOfItsOwn() throws IOException {
		assertProblem(raw().exchange("GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 404);
	}

	private RawHttp.Response post(String lengthHeader, byte[]... body) throws IOException {
		return raw().exchange("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ lengthHeader + "\r\nConnection: close\r\n\r\n", body);
	}

	private RawHttp raw() {
		return new RawHttp(this.port);
	}

	/** A JSON object of exactly {@code size} bytes. */
	private static byte[] json(int size) {
		return ("{\"text\":\"" + "a".repeat(size - 11) + "\"}").getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] chunk(byte[] body, int offset, int length) {
		String head = Integer.toHexString(length) + "\r\n";
		byte[] chunk = new byte[head.length() + length + 2];
		System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, head.length());
		System.arraycopy(body, offset, chunk, head.length(), length);
		chunk[chunk.length - 2] = '\r';
		chunk[chunk.length - 1] = '\n';
		return chunk;
	}

	private static void assertProblem(RawHttp.Response response, int status) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status, "\"title\":", "\"type\":")
			.doesNotContain("timestamp", "Exception", "java.", "org.", "<html");
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			ErrorMvcAutoConfiguration.class, WebInputAutoConfiguration.class })
	@RestController
	static class EchoApplication {

		@PostMapping("/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

		@Bean
		Filter explodingFilter() {
			return (request, response, chain) -> {
				if (((HttpServletRequest) request).getRequestURI().equals("/explode")) {
					throw new IllegalStateException("secret internals");
				}
				chain.doFilter(request, response);
			};
		}

	}

}
