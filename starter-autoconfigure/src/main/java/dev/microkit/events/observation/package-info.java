/**
 * Micrometer observations of microkit's Kafka template and listeners: when they are on
 * and the names they are recorded under. Imports the events root only.
 */
package dev.microkit.events.observation;
