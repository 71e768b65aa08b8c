package dev.microkit.demo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live consoles in a real browser, on the system the module's test classes share
 * ({@link LocalServicesExtension}): the order service's page shows both inventory
 * instances and the slowed one's share of the calls falling; an inventory instance's page
 * shows the events it handles. (A killed instance shown ejected and then back is watched
 * during the fault test's kill, {@link ConsoleWatch}.) Screenshots go to
 * {@code target/console/}. Skipped, saying why, where no Chromium is installed.
 */
@ExtendWith(LocalServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1)
class ConsoleBrowserTests {

	private static final String CLIENT = ConsoleWatch.CLIENT;

	private static final Duration SLOWDOWN = Duration.ofMillis(300);

	private static final Path SCREENSHOTS = ConsoleWatch.SCREENSHOTS;

	private LocalServices system;

	private ShopClient shop;

	private ConsoleInBrowser.Chromium chromium;

	@BeforeAll
	void useSystem(LocalServices system) {
		this.chromium = ConsoleInBrowser.find().orElse(null);
		Assumptions.assumeTrue(this.chromium != null,
				"No Chromium here: install Debian's chromium and chromium-driver (or set CHROME_BIN and CHROMEDRIVER) "
						+ "to look at the live console in a browser");
		this.system = system;
		this.shop = new ShopClient(system.orderService(), system.issuer());
	}

	@Test
	void theOrderServicesConsoleShowsBothInstancesAndTheSlowedOneLosingItsShare() throws Exception {
		String sku = "console-watch";
		this.shop.setStock(this.system.inventory(0), sku, 1_000_000);
		this.shop.setStock(this.system.inventory(1), sku, 1_000_000);
		String first = DemoScenario.instance(this.system.inventory(0));
		String second = DemoScenario.instance(this.system.inventory(1));
		URI slow = this.system.inventory(1);
		try (SteadyLoad load = SteadyLoad.start(this.shop, sku, "sync", 20);
				ConsoleInBrowser console = ConsoleInBrowser.open(this.chromium, this.system.consoleUris().get(0),
						Files.createTempDirectory("console-profile"))) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> console.isLive()
						&& console.instances(CLIENT).keySet().containsAll(List.of(first, second)));
			assertThat(console.service()).isEqualTo("order-service");
			// two equal instances share the calls, each at least a quarter of them
			double shareBefore = await().atMost(Duration.ofSeconds(30))
				.until(() -> share(console, second), (share) -> share != null && share >= 25);

			this.shop.setLatency(slow, SLOWDOWN);
			try {
				double shareSlowed = await().atMost(Duration.ofSeconds(40))
					.until(() -> share(console, second), (share) -> share != null && share < 15);
				console.screenshot(SCREENSHOTS.resolve("slow-instance.png"));
				System.out.printf(
						"console: %s's share of the calls %.0f %% before it was slowed by %d ms, %.0f %% after%n",
						second, shareBefore, SLOWDOWN.toMillis(), shareSlowed);
			}
			finally {
				this.shop.setLatency(slow, Duration.ZERO);
			}

			assertThat(console.errors()).isEmpty();
			console.reload();
			await().atMost(Duration.ofSeconds(10)).until(console::isLive);
			assertThat(console.errors()).isEmpty();
			load.stop();
		}
	}

	@Test
	void anInventoryInstancesConsoleShowsTheEventsItHandles() throws Exception {
		this.shop.setStock(this.system.inventory(0), "console-events", 100);
		try (ConsoleInBrowser console = ConsoleInBrowser.open(this.chromium, this.system.consoleUris().get(1),
				Files.createTempDirectory("console-profile"))) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				this.shop.place("console-events", 1, "async");
				assertThat(console.isLive()).isTrue();
				assertThat(console.eventRows()).contains("orders inventory-service");
			});
			assertThat(console.service()).isEqualTo("inventory-service");
			console.screenshot(SCREENSHOTS.resolve("inventory-events.png"));
			assertThat(console.errors()).isEmpty();
		}
	}

	private static Double share(ConsoleInBrowser console, String instance) {
		return console.instance(CLIENT, instance).share();
	}

}
