/**
 * Spring's HTTP interface clients ({@code @HttpExchange} interfaces over
 * {@code RestClient}) as a client kind of the call policy, under the same policy as Feign
 * clients. Imports the calls root and calls.resilience.
 */
package dev.microkit.calls.http;
