/**
 * Micrometer observations of microkit's templates and listeners: when they are on, and
 * the names Kafka's are recorded under (RabbitMQ's keep Spring AMQP's). Imports the
 * events root only.
 */
package dev.microkit.events.observation;
