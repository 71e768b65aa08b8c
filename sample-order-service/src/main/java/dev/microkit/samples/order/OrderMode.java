package dev.microkit.samples.order;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an order is reserved.
 */
public enum OrderMode {

	/** By a call to the inventory service, while the client waits. */
	@JsonProperty("sync")
	SYNC,

	/** By events through Kafka; the order is confirmed or rejected later. */
	@JsonProperty("async")
	ASYNC

}
