package dev.microkit.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles events of one type. The method takes the payload,
 * deserialized from JSON into the parameter's type, and optionally an
 * {@link EventMetadata}:
 *
 * <pre class="code">
 * &#64;EventHandler("order.placed")
 * void on(OrderPlaced order, EventMetadata event) { … }
 * </pre>
 *
 * The topic is the one the type is routed to ({@code microkit.events.routes}). A handler
 * that throws is retried with back-off, then the record goes to {@code <topic>-dlt}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventHandler {

	/**
	 * The event type handled, such as {@code order.placed}.
	 * @return the type
	 */
	String value();

	/**
	 * How the application's instances share these events.
	 * @return the delivery
	 */
	Delivery delivery() default Delivery.COMPETING;

	/**
	 * Whether a second delivery of an event id already handled by this consumer group is
	 * skipped.
	 * @return whether handling is idempotent
	 */
	boolean idempotent() default true;

}
