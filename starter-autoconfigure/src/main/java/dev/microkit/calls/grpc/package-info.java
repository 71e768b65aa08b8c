/**
 * gRPC as a client kind of the call policy: a Channel per service id whose unary calls
 * are balanced per attempt over a channel per instance, retried and protected like the
 * service's HTTP calls. Imports the calls root and calls.resilience.
 */
package dev.microkit.calls.grpc;
