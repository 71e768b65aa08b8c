/**
 * How the benchmarks measure, whatever their subject: open-loop load at a fixed rate
 * without coordinated omission, and rounds of warm-up until the JIT compiler is idle.
 * Imports the JDK and HdrHistogram only.
 */
package dev.microkit.benchmarks.measure;
