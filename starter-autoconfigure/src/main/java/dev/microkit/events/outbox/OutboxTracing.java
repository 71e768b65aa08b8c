package dev.microkit.events.outbox;

/**
 * Carries the trace of the code that published an event across the outbox: captured with
 * the row, continued when the relay sends it, so that the consumer's span joins the
 * publisher's trace.
 */
public interface OutboxTracing {

	/**
	 * Tracing that carries nothing, for applications without Micrometer Tracing.
	 */
	OutboxTracing NONE = new OutboxTracing() {

		@Override
		public String capture() {
			return null;
		}

		@Override
		public Scope continueTrace(String captured) {
			return () -> {
			};
		}

	};

	/**
	 * The current trace context, in a form the outbox table can keep.
	 * @return the context or {@code null} when there is no trace
	 */
	String capture();

	/**
	 * Makes a captured context current until the scope is closed.
	 * @param captured what {@link #capture()} returned, possibly {@code null}
	 * @return the scope
	 */
	Scope continueTrace(String captured);

	/**
	 * A trace made current.
	 */
	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
