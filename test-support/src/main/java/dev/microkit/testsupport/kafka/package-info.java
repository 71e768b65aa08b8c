/**
 * Real Kafka brokers for tests, the demo and the benchmarks, all local-kafka's:
 * {@link dev.microkit.testsupport.kafka.InProcessKafkaBroker} in this JVM, shared or
 * one's own, and {@link dev.microkit.testsupport.kafka.KafkaBrokerProcess} in a JVM of
 * its own that can be stopped and started again with its data. Imports local-kafka,
 * Kafka's client and {@code dev.microkit.testsupport.process}; nothing of the starter.
 */
package dev.microkit.testsupport.kafka;
