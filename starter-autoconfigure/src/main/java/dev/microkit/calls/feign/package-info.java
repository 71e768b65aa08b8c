/**
 * Feign as a client kind of the call policy: the load-balancer client that routes each
 * attempt to the instance the balancer picked, and the decoder and header handling Feign
 * needs for that. Imports calls.loadbalancer only.
 */
package dev.microkit.calls.feign;
