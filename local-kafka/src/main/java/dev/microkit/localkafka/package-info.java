/**
 * A real Kafka broker (KRaft, broker and controller in one) on loopback with the demo's
 * topics: {@link dev.microkit.localkafka.LocalKafka}, the executable jar the demo runs as
 * a process, and {@link dev.microkit.localkafka.KraftBroker}, the same broker started in
 * the calling JVM. Imports Kafka's own server and client classes only, nothing of the
 * starter.
 */
package dev.microkit.localkafka;
