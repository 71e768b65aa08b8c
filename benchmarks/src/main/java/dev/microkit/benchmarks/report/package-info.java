/**
 * The suite's results: each benchmark's
 * {@link dev.microkit.benchmarks.report.ReportSection}, the targets it judges, how
 * figures are printed and their medians taken, and the
 * {@link dev.microkit.benchmarks.report.Report} that writes {@code results.json},
 * {@code results.md} and the plots. It also draws what the sections show alike: their
 * Markdown tables ({@link dev.microkit.benchmarks.report.MarkdownTable}) and their charts
 * ({@link dev.microkit.benchmarks.report.Plots}). Imports no other package of the
 * benchmarks.
 */
package dev.microkit.benchmarks.report;
