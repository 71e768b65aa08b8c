/**
 * Consuming events from Kafka: one listener container per subscribed topic and delivery,
 * the dispatcher that turns a record into a call of its @EventHandler method, payload
 * reading and validation, retries with back-off, dead-letter topics and poison-pill
 * handling, and the listeners' health. Imports the events root, events.idempotency and
 * events.observation.
 */
package dev.microkit.events.listener;
