package dev.microkit.benchmarks.events;

import dev.microkit.events.EventHandler;

/**
 * A handler that answers requests: it returns the event it got, which is the reply.
 */
class ReplyingHandlers {

	static final String TYPE = "bench.echo-requested";

	@EventHandler(value = TYPE, idempotent = false)
	BenchmarkEvent echo(BenchmarkEvent event) {
		return event;
	}

}
