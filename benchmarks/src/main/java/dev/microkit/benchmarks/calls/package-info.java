/**
 * Benchmarks of calls: the starter's overhead and client cost against plain Feign and
 * Spring Cloud LoadBalancer, the balancers' pick cost (JMH), tail latency under a skewed
 * backend, balance over backends that serve one request at a time and failover when a
 * backend process is killed, on loopback backends. Imports the starter's calls API,
 * test-support's loopback backend, {@code measure} and {@code report}; nothing of events
 * or samples.
 */
package dev.microkit.benchmarks.calls;
