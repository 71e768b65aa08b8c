/**
 * The inventory service of the samples: stock and reservations with Spring Data JPA,
 * reserved and released over its REST API or by handling {@code order.*} events and
 * answering with {@code inventory.*} events, idempotently by order id. Uses only the
 * starter's public API (a rule in the tests checks it).
 */
package dev.microkit.samples.inventory;
