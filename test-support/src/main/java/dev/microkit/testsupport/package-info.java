/**
 * What the project's tests share for probing an HTTP API:
 * {@link dev.microkit.testsupport.RawHttp} exchanges no HTTP client sends, and
 * {@link dev.microkit.testsupport.ApiFuzzer} with its malformed bodies and request parts.
 * The helpers for processes, brokers, databases and backends are in the subpackages.
 * Imports Jackson and AssertJ; nothing of the starter, which this module must never
 * depend on.
 */
package dev.microkit.testsupport;
