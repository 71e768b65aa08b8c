/**
 * Benchmarks of events: publisher throughput against a raw {@code KafkaTemplate}, publish
 * to handle latency with and without the idempotent-consumer store, and the outbox relay,
 * on test-support's shared in-process broker and the local PostgreSQL. Imports the
 * starter's events API, test-support, {@code measure} and {@code report}; nothing of
 * calls or samples.
 */
package dev.microkit.benchmarks.events;
