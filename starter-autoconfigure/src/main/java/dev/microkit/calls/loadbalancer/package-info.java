/**
 * Balancing across instances with Spring Cloud LoadBalancer: the balancers (peak-EWMA,
 * power of two choices, least requests, weighted, consistent hashing), the per-instance
 * load they read (InstanceLoad, PeakEwma, InstanceLoadRegistry, recorded by
 * InstanceLoadRecorder), passive ejection of failing instances and the instance-list
 * suppliers that apply ejection and skip instances a call already tried. Imports the
 * calls root only.
 */
package dev.microkit.calls.loadbalancer;
