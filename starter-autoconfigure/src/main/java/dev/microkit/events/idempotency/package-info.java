/**
 * The idempotent consumer's record of events already handled, per consumer group: in
 * memory or in a JDBC table, with retention of the JDBC rows. Imports nothing else of
 * microkit.
 */
package dev.microkit.events.idempotency;
