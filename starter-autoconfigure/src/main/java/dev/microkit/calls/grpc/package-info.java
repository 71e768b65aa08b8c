/**
 * gRPC clients under the call policy: a {@code Channel} per service id whose unary calls
 * are balanced, retried and protected like the service's HTTP calls.
 */
package dev.microkit.calls.grpc;
