package dev.microkit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of what a servlet web application accepts.
 */
@ConfigurationProperties("microkit.web")
public class WebInputProperties {

	/**
	 * Whether request bodies are limited in size, malformed media type headers are
	 * disregarded, and errors that never reach Spring MVC's exception handling are
	 * answered as problem details when spring.mvc.problemdetails.enabled is set.
	 */
	private boolean enabled = true;

	/**
	 * Largest request body accepted; a larger one is answered with 413 Payload Too Large.
	 * -1 for no limit.
	 */
	private DataSize maxRequestBodySize = DataSize.ofMegabytes(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getMaxRequestBodySize() {
		return this.maxRequestBodySize;
	}

	public void setMaxRequestBodySize(DataSize maxRequestBodySize) {
		if (maxRequestBodySize == null) {
			throw new IllegalArgumentException("must be a size, such as 1MB or 512KB, or -1 for no limit");
		}
		this.maxRequestBodySize = maxRequestBodySize;
	}

}
