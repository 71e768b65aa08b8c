package dev.microkit.events.rabbitmq;

/**
 * What of the publishing caller's thread the publisher thread takes over for a send: the
 * current trace, so that the message carries the caller's trace in its headers although
 * another thread writes it ({@link OrderedPublishing}).
 */
@FunctionalInterface
public interface CallerContext {

	/**
	 * No context: without a tracer there is no trace to carry.
	 */
	CallerContext NONE = () -> () -> () -> {
	};

	/**
	 * Captures the context of the calling thread.
	 * @return what restores it on another thread
	 */
	Captured capture();

	/**
	 * A context captured on one thread, to restore on another.
	 */
	@FunctionalInterface
	interface Captured {

		/**
		 * Makes the context current on this thread until the scope closes.
		 * @return the scope
		 */
		Scope restore();

	}

	/**
	 * A restored context, closed on the thread that restored it.
	 */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
