/**
 * Events: the public API applications use (EventPublisher, @EventHandler, EventMetadata,
 * Delivery, PublishedEvent and the exceptions) and the model every events package shares:
 * the CloudEvents headers, the outgoing event, topic routing, the settings
 * (EventsProperties) and the metrics. Imports config, nothing of its sub-packages and
 * nothing of calls; the transport-specific parts below it are where a second transport
 * slots in beside Kafka.
 */
package dev.microkit.events;
