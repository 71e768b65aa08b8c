package dev.microkit.console;

import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the console: its page and assets from the jar, and the snapshots the page polls
 * for once a second. Read-only, and nothing but figures: no configuration values, no
 * exception messages.
 */
@RestController
public class ConsoleController {

	private static final String ASSETS = "META-INF/microkit/console/";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
			+ "style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
			+ "frame-ancestors 'none'";

	private final ConsoleSampler sampler;

	private final String service;

	/**
	 * Makes the console of one service.
	 * @param sampler where the snapshots come from
	 * @param service the service's name, shown as the page's title
	 */
	public ConsoleController(ConsoleSampler sampler, String service) {
		this.sampler = sampler;
		this.service = service;
	}

	@GetMapping("/microkit")
	ResponseEntity<Void> slash() {
		return ResponseEntity.status(302).header(HttpHeaders.LOCATION, "microkit/").build();
	}

	@GetMapping("/microkit/")
	ResponseEntity<Resource> page() {
		return asset("index.html", MediaType.TEXT_HTML);
	}

	@GetMapping("/microkit/console.js")
	ResponseEntity<Resource> script() {
		return asset("console.js", MediaType.parseMediaType("text/javascript"));
	}

	@GetMapping("/microkit/console.css")
	ResponseEntity<Resource> style() {
		return asset("console.css", MediaType.parseMediaType("text/css"));
	}

	@GetMapping("/microkit/favicon.svg")
	ResponseEntity<Resource> icon() {
		return asset("favicon.svg", MediaType.parseMediaType("image/svg+xml"));
	}

	@GetMapping(path = "/microkit/snapshots", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Snapshots> snapshots(@RequestParam(defaultValue = "-1") long after) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new Snapshots(this.service, ConsoleSampler.HISTORY, this.sampler.since(after)));
	}

	private static ResponseEntity<Resource> asset(String name, MediaType type) {
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.body(new ClassPathResource(ASSETS + name, ConsoleController.class.getClassLoader()));
	}

	/**
	 * The answer to a poll.
	 *
	 * @param service the service's name
	 * @param history how many snapshots the console keeps, one a second
	 * @param snapshots the snapshots newer than the poll's, oldest first
	 */
	public record Snapshots(String service, int history, List<ConsoleSnapshot> snapshots) {
	}

}
