/**
 * Resilience4j around each call: one ClientCallPolicy per client with its deadline,
 * retries on another instance when safe, retry budget, circuit breaker, bulkhead and rate
 * limiter, applied to Feign through ResilienceCapability. Imports the calls root only.
 */
package dev.microkit.calls.resilience;
