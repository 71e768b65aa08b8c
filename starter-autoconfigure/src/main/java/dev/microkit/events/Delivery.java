package dev.microkit.events;

/**
 * How the instances of an application share the events of a type.
 */
public enum Delivery {

	/**
	 * Each event is handled by one instance of the application (one consumer group named
	 * after the application).
	 */
	COMPETING,

	/**
	 * Every running instance handles every event published while it runs (a consumer
	 * group per instance, starting at the latest offset).
	 */
	BROADCAST

}
