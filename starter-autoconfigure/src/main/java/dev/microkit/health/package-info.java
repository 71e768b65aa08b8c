/**
 * Health endpoint support that several features share: their health contributors join the
 * readiness group. Imports nothing else of microkit.
 */
package dev.microkit.health;
