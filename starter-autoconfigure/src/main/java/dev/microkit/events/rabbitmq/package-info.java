/**
 * Events over RabbitMQ: a topic exchange per topic with the event type as routing key,
 * publisher confirms and mandatory returns, a quorum queue per competing group and a
 * queue per instance for broadcast, retries and dead letters through {@code <topic>.dlx}
 * into {@code <group>.dlq}, in the CloudEvents AMQP binding. Imports the events root,
 * events.listener and events.observation.
 */
package dev.microkit.events.rabbitmq;
