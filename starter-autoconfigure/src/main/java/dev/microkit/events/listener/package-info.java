/**
 * Consuming events, whichever the transport: the subscriptions the @EventHandler methods
 * add up to, the dispatcher that turns a delivery (an EventEnvelope) into a call of its
 * handler, payload reading and validation, which failures are retried, the EventListeners
 * seam and its health. Imports the events root and events.idempotency; the transports
 * (events.kafka, events.rabbitmq) import it.
 */
package dev.microkit.events.listener;
