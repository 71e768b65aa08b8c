/**
 * Health endpoint support that several features share: their health contributors join the
 * readiness group.
 */
package dev.microkit.health;
