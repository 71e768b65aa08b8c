package dev.microkit.calls.resilience;

/**
 * A setting of a client, the property that gave it, and whether the application set that
 * property or the value is a default. Only what the application set can contradict
 * itself; a default gives way.
 *
 * @param <T> the type of the value
 * @param value the value
 * @param key the property, for messages
 * @param explicit whether the application set it
 */
public record ConfiguredValue<T>(T value, String key, boolean explicit) {

}
