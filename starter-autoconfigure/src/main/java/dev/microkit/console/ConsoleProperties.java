package dev.microkit.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the live console.
 */
@ConfigurationProperties("microkit.console")
public class ConsoleProperties {

	/**
	 * Whether GET /microkit/ serves the live console of this service's calls and events,
	 * on the management port if one is set.
	 */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
