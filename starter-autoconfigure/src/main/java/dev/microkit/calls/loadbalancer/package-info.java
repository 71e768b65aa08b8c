/**
 * Balancing across instances with Spring Cloud LoadBalancer: the balancers (peak-EWMA,
 * power of two choices, least requests, weighted, consistent hashing) and the
 * instance-list suppliers in front of them, which cache discovery, leave ejected
 * instances out and skip instances a call already tried; CallsLoadBalancerConfiguration
 * builds the chain per client. Imports the calls root and calls.instances.
 */
package dev.microkit.calls.loadbalancer;
