/**
 * What {@code ./demo.sh} runs: the demo's system on this machine
 * ({@link dev.microkit.demo.LocalServices}: a broker, the services' database server, two
 * inventory instances and the order service), the order scenario and its summary. Imports
 * H2's server, Jackson, and test-support's processes and broker launcher, which need only
 * the JDK here; it talks to the services over HTTP and JDBC, never through their classes.
 */
package dev.microkit.demo;
