package dev.microkit.events.rabbitmq;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * Carries the caller's current span to the publisher thread, where Spring AMQP's
 * observation of the send starts its span as a child of it and writes it into the
 * message's headers. Spans of observations (an HTTP request's, a listener's) and spans
 * the application started itself are both the tracer's current span.
 */
public class TracerCallerContext implements CallerContext {

	private final Tracer tracer;

	public TracerCallerContext(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public Captured capture() {
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return NONE.capture();
		}
		return () -> this.tracer.withSpan(span)::close;
	}

}
