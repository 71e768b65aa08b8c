/**
 * Service discovery from DNS (A/AAAA and SRV records) as a Spring Cloud DiscoveryClient,
 * with its properties, wiring and health indicator. Imports config and health only.
 */
package dev.microkit.discovery;
