/**
 * Benchmarks of the sample services as real processes: startup, resident memory and the
 * time until an order is final, sync against async. Imports test-support's processes,
 * broker and PostgreSQL, {@code measure} and {@code report}; only the samples' HTTP API,
 * none of their classes.
 */
package dev.microkit.benchmarks.samples;
