package dev.microkit.events.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * {@link OutboxTracing} with Micrometer Tracing: the context is kept as the propagation
 * headers of the application's propagator (W3C {@code traceparent} by default), and the
 * relay sends the row under a span that continues it.
 */
public class MicrometerOutboxTracing implements OutboxTracing {

	private static final char FIELD_SEPARATOR = '\n';

	private static final char VALUE_SEPARATOR = '=';

	private final Tracer tracer;

	private final Propagator propagator;

	public MicrometerOutboxTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public String capture() {
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		this.propagator.inject(context, fields, Map::put);
		StringBuilder captured = new StringBuilder();
		fields.forEach(
				(name, value) -> captured.append(name).append(VALUE_SEPARATOR).append(value).append(FIELD_SEPARATOR));
		return captured.toString();
	}

	@Override
	public Scope continueTrace(String captured) {
		if (captured == null || captured.isEmpty()) {
			return () -> {
			};
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : captured.split(String.valueOf(FIELD_SEPARATOR))) {
			int separator = line.indexOf(VALUE_SEPARATOR);
			if (separator > 0) {
				fields.put(line.substring(0, separator), line.substring(separator + 1));
			}
		}
		Span span = this.propagator.extract(fields, Map::get).name("outbox relay").start();
		Tracer.SpanInScope scope = this.tracer.withSpan(span);
		return () -> {
			scope.close();
			span.end();
		};
	}

}
