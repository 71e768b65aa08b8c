package dev.microkit.demo;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's live console open in headless Chromium, the machine's own (found on the
 * {@code PATH} as {@code chromium} with its {@code chromedriver}, or where
 * {@code CHROME_BIN} and {@code CHROMEDRIVER} say): nothing is downloaded.
 */
final class ConsoleInBrowser implements AutoCloseable {

	private final ChromeDriver driver;

	private ConsoleInBrowser(ChromeDriver driver) {
		this.driver = driver;
	}

	/**
	 * The browser and its driver, if this machine has them.
	 * @return the two executables
	 */
	static Optional<Chromium> find() {
		Optional<Path> browser = fromEnvironment("CHROME_BIN").or(() -> onPath("chromium", "chromium-browser"));
		Optional<Path> driver = fromEnvironment("CHROMEDRIVER").or(() -> onPath("chromedriver"));
		return browser.flatMap((b) -> driver.map((d) -> new Chromium(b, d)));
	}

	/**
	 * Opens a console page.
	 * @param chromium the browser to use
	 * @param console the page
	 * @param profile an empty folder for the browser's profile
	 * @return the open page
	 */
	static ConsoleInBrowser open(Chromium chromium, URI console, Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.browser().toFile());
		// no background connections: the browser talks to the console and nothing else
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-quic", "--window-size=1500,1000", "--user-data-dir=" + profile.toAbsolutePath());
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(chromium.driver().toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.get(console.toString());
		return new ConsoleInBrowser(driver);
	}

	/**
	 * Whether the page got its last snapshot, as its status line says.
	 */
	boolean isLive() {
		return "live".equals(this.driver.findElement(By.id("status")).getDomAttribute("data-state"));
	}

	/**
	 * The service's name, as the page shows it.
	 */
	String service() {
		return this.driver.findElement(By.id("service")).getText();
	}

	/**
	 * The instances of a client the page shows now, read in one go: the page redraws its
	 * rows every second.
	 * @param client the client's service id
	 * @return each instance's row, by its host and port
	 */
	@SuppressWarnings("unchecked")
	Map<String, InstanceRow> instances(String client) {
		List<List<String>> found = (List<List<String>>) this.driver.executeScript("""
				return Array.from(document.querySelectorAll('tr.instance'))
				  .filter((row) => row.dataset.client === arguments[0])
				  .map((row) => [row.dataset.instance, row.dataset.ejected, row.dataset.share,
				    row.querySelector('[data-field="state"]').textContent]);
				""", client);
		Map<String, InstanceRow> rows = new LinkedHashMap<>();
		for (List<String> row : found) {
			String share = row.get(2);
			rows.put(row.get(0), new InstanceRow(Boolean.parseBoolean(row.get(1)),
					(share == null || share.isEmpty()) ? null : Double.valueOf(share), row.get(3)));
		}
		return rows;
	}

	/**
	 * One instance of a client as the page shows it now; it must be there.
	 * @param client the client's service id
	 * @param instance the instance's host and port
	 * @return its row
	 */
	InstanceRow instance(String client, String instance) {
		InstanceRow row = instances(client).get(instance);
		assertThat(row).as("the console's row of %s", instance).isNotNull();
		return row;
	}

	/**
	 * The topic and group rows the page shows now, as {@code topic} or
	 * {@code topic group}.
	 */
	@SuppressWarnings("unchecked")
	List<String> eventRows() {
		return (List<String>) this.driver.executeScript("""
				return Array.from(document.querySelectorAll('#topics tbody tr'))
				  .map((row) => row.dataset.group ? row.dataset.topic + ' ' + row.dataset.group : row.dataset.topic);
				""");
	}

	/**
	 * Writes what the page shows now as a PNG.
	 * @param file where to write it
	 */
	void screenshot(Path file) throws IOException {
		File shot = this.driver.getScreenshotAs(OutputType.FILE);
		Files.createDirectories(file.getParent());
		Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * What the page logged as errors since the last call: failed requests, script errors,
	 * policy violations.
	 */
	List<String> errors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/**
	 * Loads the page again, as a user pressing reload would.
	 */
	void reload() {
		this.driver.navigate().refresh();
	}

	@Override
	public void close() {
		this.driver.quit();
	}

	private static Optional<Path> fromEnvironment(String variable) {
		String value = System.getenv(variable);
		return (value != null && Files.isExecutable(Path.of(value))) ? Optional.of(Path.of(value)) : Optional.empty();
	}

	private static Optional<Path> onPath(String... names) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String name : names) {
			for (String folder : path.split(File.pathSeparator)) {
				Path candidate = Path.of(folder, name);
				if (Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * A browser and its driver.
	 */
	record Chromium(Path browser, Path driver) {
	}

	/**
	 * One instance as the page shows it.
	 *
	 * @param ejected whether the page marks it as ejected
	 * @param share its share of the client's calls in the last 10 s, in percent, if there
	 * were calls
	 * @param state the state column's text
	 */
	record InstanceRow(boolean ejected, Double share, String state) {
	}

}
