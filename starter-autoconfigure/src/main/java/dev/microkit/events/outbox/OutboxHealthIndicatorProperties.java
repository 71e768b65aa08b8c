package dev.microkit.events.outbox;

import java.time.Duration;

import dev.microkit.config.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits beyond which the outbox health indicator reports the outbox down.
 */
@ConfigurationProperties("management.health.outbox")
public class OutboxHealthIndicatorProperties {

	/**
	 * Age of the oldest unsent event beyond which the outbox is down.
	 */
	private Duration maxOldestAge = Duration.ofMinutes(5);

	/**
	 * Unsent events beyond which the outbox is down; no limit when not set.
	 */
	private Integer maxBacklog;

	/**
	 * Events Kafka refused for good beyond which the outbox is down; no limit when not
	 * set.
	 */
	private Integer maxParked;

	public Duration getMaxOldestAge() {
		return this.maxOldestAge;
	}

	public void setMaxOldestAge(Duration maxOldestAge) {
		PropertyChecks.positive(maxOldestAge);
		this.maxOldestAge = maxOldestAge;
	}

	public Integer getMaxBacklog() {
		return this.maxBacklog;
	}

	public void setMaxBacklog(Integer maxBacklog) {
		if (maxBacklog != null) {
			PropertyChecks.atLeast(maxBacklog, 0);
		}
		this.maxBacklog = maxBacklog;
	}

	public Integer getMaxParked() {
		return this.maxParked;
	}

	public void setMaxParked(Integer maxParked) {
		if (maxParked != null) {
			PropertyChecks.atLeast(maxParked, 0);
		}
		this.maxParked = maxParked;
	}

}
