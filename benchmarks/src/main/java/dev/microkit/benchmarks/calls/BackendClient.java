package dev.microkit.benchmarks.calls;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The Feign client the benchmarks call through the starter.
 */
@FeignClient("backend")
public interface BackendClient {

	@GetMapping("/work")
	String work(@RequestHeader("X-Hash-Key") String key);

}
