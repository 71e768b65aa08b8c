/**
 * Events: the public API applications use (EventPublisher, @EventHandler, EventMetadata,
 * Delivery, PublishedEvent and the exceptions) and the model every events package shares:
 * the CloudEvents attributes, the outgoing event, topic routing, the settings
 * (EventsProperties), the metrics and the seams to a transport (EventSender) and to the
 * outbox (EventOutbox). Imports config, nothing of its sub-packages and nothing of calls;
 * the transports, events.kafka and events.rabbitmq, sit below it.
 */
package dev.microkit.events;
