/**
 * Events over Kafka, the default transport: the sender (CloudEvents Kafka binding, entity
 * id as record key), one listener container per subscribed topic and delivery, retries
 * with back-off, dead-letter topics, and waiting for a broker that did not answer at
 * startup. Imports the events root, events.listener and events.observation.
 */
package dev.microkit.events.kafka;
