/**
 * The order service of the samples: its REST API, orders kept with Spring Data JPA, and
 * the same business flow in both styles — a synchronous reservation through the
 * {@code @FeignClient} {@link dev.microkit.samples.order.InventoryClient}, or an
 * asynchronous one through {@code order.*} events and the {@code inventory.*} answers.
 * Uses only the starter's public API (a rule in the tests checks it).
 */
package dev.microkit.samples.order;
