package dev.microkit.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order service's console, open in Chromium while an inventory instance dies and
 * comes back: it must show the instance ejected, then back in rotation with calls, and
 * log no error. Where no Chromium is installed it watches nothing and says so.
 */
final class ConsoleWatch implements InstanceDeathUnderLoad.Watcher, AutoCloseable {

	static final String CLIENT = "inventory-service";

	static final Path SCREENSHOTS = Path.of("target", "console");

	private static final Duration EJECTED_WITHIN = Duration.ofSeconds(40);

	private static final Duration BACK_WITHIN = Duration.ofSeconds(60);

	private final ConsoleInBrowser console;

	private ConsoleWatch(ConsoleInBrowser console) {
		this.console = console;
	}

	/**
	 * Opens the order service's console, if this machine has a Chromium.
	 */
	static ConsoleWatch open(LocalServices system) throws Exception {
		Optional<ConsoleInBrowser.Chromium> chromium = ConsoleInBrowser.find();
		if (chromium.isEmpty()) {
			System.out.println("The order service's console is not watched in a browser: no Chromium here "
					+ "(install Debian's chromium and chromium-driver, or set CHROME_BIN and CHROMEDRIVER)");
			return new ConsoleWatch(null);
		}
		ConsoleInBrowser console = ConsoleInBrowser.open(chromium.get(), system.consoleUris().get(0),
				Files.createTempDirectory("console-profile"));
		await().atMost(Duration.ofSeconds(30)).until(console::isLive);
		return new ConsoleWatch(console);
	}

	@Override
	public void whileDown(String instance) throws Exception {
		if (this.console == null) {
			return;
		}
		await().atMost(EJECTED_WITHIN).until(() -> row(instance).ejected());
		this.console.screenshot(SCREENSHOTS.resolve("instance-ejected.png"));
		System.out.println("console: killed " + instance + " shows as '" + row(instance).state() + "'");
	}

	@Override
	public void routedAgain(String instance) throws Exception {
		if (this.console == null) {
			return;
		}
		await().atMost(BACK_WITHIN).until(() -> {
			ConsoleInBrowser.InstanceRow row = row(instance);
			return !row.ejected() && row.share() != null && row.share() > 0;
		});
		System.out.println("console: restarted " + instance + " shows as '" + row(instance).state() + "' with "
				+ row(instance).share() + " % of the calls");
		assertThat(this.console.errors()).isEmpty();
	}

	private ConsoleInBrowser.InstanceRow row(String instance) {
		return this.console.instance(CLIENT, instance);
	}

	@Override
	public void close() {
		if (this.console != null) {
			this.console.close();
		}
	}

}
