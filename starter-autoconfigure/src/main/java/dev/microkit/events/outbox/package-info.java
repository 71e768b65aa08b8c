/**
 * The transactional outbox: OutboxWriter puts events published inside a transaction into
 * the outbox table, OutboxRelay sends them to Kafka in per-key order with shard locking
 * (OutboxTable holds the SQL), and the outbox's gauges and health report its backlog.
 * Imports the events root and config.
 */
package dev.microkit.events.outbox;
