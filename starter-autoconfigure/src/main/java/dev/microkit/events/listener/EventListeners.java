package dev.microkit.events.listener;

import java.util.Map;

import org.springframework.context.SmartLifecycle;

/**
 * The transport's listener containers that hand deliveries to the application's
 * {@code EventHandler} methods, one per subscription: what health checks and tests need
 * to know of them, whichever the transport.
 */
public interface EventListeners extends SmartLifecycle {

	/**
	 * Whether every subscription receives what is published from now on: a broadcast
	 * handler gets nothing published before.
	 * @return whether all subscriptions are connected
	 */
	boolean isAssigned();

	/**
	 * Why the listeners wait for the broker, which did not answer when they were started.
	 * @return the reason, or {@code null} when they do not wait
	 */
	String waitingForBroker();

	/**
	 * The containers started, by name, and whether each runs as it should; none before
	 * the listeners start and after they stop.
	 * @return each container's name and state
	 */
	Map<String, Boolean> containerStates();

	/**
	 * The transport's name.
	 * @return {@code kafka} or {@code rabbitmq}
	 */
	String transport();

}
