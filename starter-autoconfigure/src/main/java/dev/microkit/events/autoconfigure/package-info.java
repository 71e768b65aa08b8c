/**
 * Events wiring: the auto-configurations registered in AutoConfiguration.imports and the
 * schema initializer for the outbox and idempotency tables. May import every events
 * package and health; nothing outside auto-configuration imports it.
 */
package dev.microkit.events.autoconfigure;
