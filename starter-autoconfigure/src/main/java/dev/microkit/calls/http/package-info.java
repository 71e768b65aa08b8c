/**
 * Spring's HTTP interface clients ({@code @HttpExchange} interfaces over
 * {@code RestClient}) under the same call policy as Feign clients.
 */
package dev.microkit.calls.http;
