package dev.microkit.events.outbox;

import dev.microkit.events.OutgoingEvent;

/**
 * One unsent row of the outbox: its id, the event and the trace it was written in.
 */
record OutboxRow(long id, OutgoingEvent event, String traceContext) {
}
