package dev.microkit.calls;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

@FeignClient(name = "backend")
public interface BackendClient {

	@GetMapping("/work")
	String work();

	@GetMapping("/work")
	String workWithKey(@RequestHeader("X-Hash-Key") String key);

	@GetMapping("/search/{term}")
	String search(@PathVariable("term") String term, @RequestParam("q") String query);

	@PostMapping("/orders")
	String create(@RequestBody String order);

	@Idempotent
	@PostMapping("/orders")
	String createIdempotent(@RequestBody String order);

	@PostMapping("/orders")
	String createWithKey(@RequestHeader("Idempotency-Key") String key, @RequestBody String order);

}
