/**
 * HTTP servers that tests and benchmarks call:
 * {@link dev.microkit.testsupport.http.LoopbackBackend}, a real server on loopback with a
 * chosen delay and status that counts what it receives. Imports the JDK's HTTP server
 * only.
 */
package dev.microkit.testsupport.http;
