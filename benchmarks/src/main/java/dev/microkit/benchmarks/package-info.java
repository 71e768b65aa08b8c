/**
 * The benchmark suite's entry point: {@link dev.microkit.benchmarks.BenchmarkSuite} reads
 * the command line, runs the chosen benchmarks at the quick or the smoke suite's size and
 * has the report written. Imports the subjects' packages ({@code calls}, {@code events},
 * {@code samples}) and {@code report}; none of them imports this one.
 */
package dev.microkit.benchmarks;
