package dev.microkit.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.microkit.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Tomcat with the default 1 MB body limit and Spring Boot's default multipart
 * limits (1 MB a file, 10 MB a request): uploads are limited by the latter only.
 */
@SpringBootTest(classes = MultipartUploadIntegrationTests.UploadApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.mvc.problemdetails.enabled=true")
class MultipartUploadIntegrationTests {

	private static final String BOUNDARY = "microkit-boundary";

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "multipart/form-data", "multipart/mixed" })
	void aTwoMegabyteUploadIsTaken(String contentType) throws IOException {
		RawHttp.Response response = upload(contentType, new byte[1_000_000], new byte[1_000_000]);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"files\":2,\"bytes\":2000000}");
	}

	@Test
	void aFileOverSpringBootsLimitIsRefusedBySpringBoot() throws IOException {
		RawHttp.Response response = upload("multipart/form-data", new byte[2_000_000]);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).contains("\"detail\":\"Maximum upload size exceeded\"");
	}

	@Test
	void aTwoMegabyteJsonBodyIsStillA413Problem() throws IOException {
		byte[] body = ("{\"text\":\"" + "a".repeat(2_000_000 - 11) + "\"}").getBytes(StandardCharsets.US_ASCII);
		RawHttp.Response response = new RawHttp(this.port).exchange("POST /echo HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n",
				body);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":413");
	}

	private RawHttp.Response upload(String contentType, byte[]... files) throws IOException {
		byte[] body = multipart(files);
		return new RawHttp(this.port)
			.exchange("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "; boundary="
					+ BOUNDARY + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);
	}

	private static byte[] multipart(byte[]... files) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < files.length; i++) {
			body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"file-" + i
					+ ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			body.write(files[i]);
			body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return body.toByteArray();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			ErrorMvcAutoConfiguration.class, MultipartAutoConfiguration.class, WebInputAutoConfiguration.class })
	@RestController
	static class UploadApplication {

		@PostMapping("/upload")
		Upload upload(@RequestParam List<MultipartFile> files) {
			return new Upload(files.size(), files.stream().mapToLong(MultipartFile::getSize).sum());
		}

		@PostMapping("/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

	record Upload(int files, long bytes) {
	}

}
