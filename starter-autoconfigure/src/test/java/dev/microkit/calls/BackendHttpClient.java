package dev.microkit.calls;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The {@code backend} service as an HTTP interface, the same calls as the Feign
 * {@code BackendClient}.
 */
public interface BackendHttpClient {

	@GetExchange("/work")
	String work();

	@GetExchange("/work")
	String workAs(@RequestHeader("Authorization") String authorization);

	@PostExchange("/orders")
	String create(@RequestBody String order);

	@Idempotent
	@PostExchange("/orders")
	String createIdempotent(@RequestBody String order);

	@PostExchange("/orders")
	String createWithKey(@RequestHeader("Idempotency-Key") String key, @RequestBody String order);

	default String workTwice() {
		return work() + work();
	}

}
