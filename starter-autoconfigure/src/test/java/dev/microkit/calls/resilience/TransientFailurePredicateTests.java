package dev.microkit.calls.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.microkit.calls.CallTimeoutException;
import feign.FeignException;
import feign.codec.DecodeException;
import feign.Request;
import feign.Response;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailurePredicateTests {

	private final TransientFailurePredicate predicate = new TransientFailurePredicate();

	@Test
	void countsServerErrorsAndTimeouts() {
		assertThat(this.predicate.test(answer(503))).isTrue();
		assertThat(this.predicate.test(answer(500))).isTrue();
		assertThat(this.predicate.test(new CallTimeoutException("inventory-service: no answer within 2000 ms", null)))
			.isTrue();
	}

	@Test
	void countsAnAnswerWhoseBodyCouldNotBeReadButNotOneThatCouldNotBeDecoded() {
		// as Feign's own errorReading makes it, which is not public
		FeignException readTimedOut = new FeignException(200, "Read timed out reading GET", request(),
				new SocketTimeoutException("Read timed out")) {
		};
		assertThat(this.predicate.test(readTimedOut)).isTrue();
		assertThat(this.predicate.test(new DecodeException(200, "not JSON", request()))).isFalse();
	}

	@Test
	void doesNotCountTheCallersOwnMistakes() {
		assertThat(this.predicate.test(answer(404))).isFalse();
		assertThat(this.predicate.test(answer(400))).isFalse();
		assertThat(this.predicate.test(new IllegalArgumentException())).isFalse();
	}

	@Test
	void judgesTheFailuresOfRestClientAlike() {
		assertThat(this.predicate.test(HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable",
				HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8)))
			.isTrue();
		assertThat(this.predicate.test(HttpServerErrorException.create(HttpStatus.NOT_IMPLEMENTED, "Not Implemented",
				HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8)))
			.isFalse();
		assertThat(this.predicate.test(HttpClientErrorException.create(HttpStatus.NOT_FOUND, "Not Found",
				HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8)))
			.isFalse();
		assertThat(this.predicate.test(new ResourceAccessException("I/O error", new ConnectException("refused"))))
			.isTrue();
		assertThat(this.predicate.test(new RestClientException("Error while extracting response",
				new SocketTimeoutException("Read timed out"))))
			.isTrue();
		assertThat(this.predicate
			.test(new RestClientException("Error while extracting response", new HttpMessageNotReadableException(
					"not JSON", new IOException("Unexpected character"), new MockHttpInputMessage(new byte[0])))))
			.isFalse();
	}

	@Test
	void aRestClient4xxIsTheCallersError() {
		assertThat(CallFailures.isClientError(HttpClientErrorException.create(HttpStatus.CONFLICT, "Conflict",
				HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8)))
			.isTrue();
		assertThat(CallFailures.isClientError(new ResourceAccessException("I/O error"))).isFalse();
	}

	private static FeignException answer(int status) {
		return FeignException.errorStatus("InventoryClient#stock(String)",
				Response.builder().status(status).request(request()).headers(Map.of()).build());
	}

	private static Request request() {
		return Request.create(Request.HttpMethod.GET, "http://inventory-service/x", Map.of(), null,
				StandardCharsets.UTF_8, null);
	}

}
