package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import dev.microkit.events.CloudEventAttributes;
import dev.microkit.events.EventSender;
import dev.microkit.events.OutgoingEvent;
import dev.microkit.events.PublishedEvent;

import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes events to the topic exchange of their topic, routed by their type, with
 * publisher confirms and the mandatory flag: a send completes only when the broker has
 * confirmed the message, and fails when it was returned because no queue is bound for it
 * (nobody subscribes to the topic yet) or the broker refused it. The template must come
 * from a connection factory with correlated confirms and returns, and be mandatory. Sends
 * are written in the order they are made ({@link OrderedPublishing}), so one key's events
 * reach the queues in order.
 */
public class RabbitEventSender implements EventSender, AutoCloseable {

	private static final int QUEUE_CAPACITY = 10_000;

	private static final String DEFAULT_EXCHANGE = "";

	private final OrderedPublishing publishing;

	private final RabbitTopology topology;

	private final CallerContext callerContext;

	/**
	 * Creates a sender that publishes on one channel of the template's.
	 * @param template the template
	 * @param topology declares the exchanges
	 * @param maxBlock how long a send waits for room when sends are queued faster than
	 * they are written, before it fails
	 * @param callerContext what of the caller's thread each send is written in
	 */
	public RabbitEventSender(RabbitTemplate template, RabbitTopology topology, Duration maxBlock,
			CallerContext callerContext) {
		this.publishing = new OrderedPublishing(template, QUEUE_CAPACITY, maxBlock);
		this.topology = topology;
		this.callerContext = callerContext;
	}

	@Override
	public CompletableFuture<PublishedEvent> send(OutgoingEvent event) {
		// a reply goes to the requester's queue, through the default exchange
		boolean reply = event.extensions().containsKey(CloudEventAttributes.CORRELATION_ID);
		String exchange = reply ? DEFAULT_EXCHANGE : event.topic();
		String routingKey = reply ? event.topic() : event.type();
		if (!reply) {
			this.topology.declareExchange(event.topic());
		}
		CorrelationData correlation = new CorrelationData(event.id());
		return this.publishing
			.publish(exchange, routingKey, AmqpCloudEvents.toMessage(event), correlation, this.callerContext.capture())
			.thenCompose((written) -> correlation.getFuture())
			.thenApply((confirm) -> {
				ReturnedMessage returned = correlation.getReturned();
				if (returned != null) {
					throw new UnroutableEventException("RabbitMQ returned event " + event.id() + " of type '"
							+ event.type() + "': exchange '" + returned.getExchange() + "' has no queue bound for it ("
							+ returned.getReplyCode() + " " + returned.getReplyText() + ")");
				}
				if (!confirm.isAck()) {
					throw new UnroutableEventException("RabbitMQ refused event " + event.id() + " of type '"
							+ event.type() + "': " + confirm.getReason());
				}
				return new PublishedEvent(event.id(), event.type(), event.key(), event.topic(), -1, -1);
			});
	}

	@Override
	public void prepare(Collection<String> topics) {
		topics.forEach(this.topology::declareExchange);
	}

	@Override
	public String transport() {
		return "rabbitmq";
	}

	/**
	 * Stops the publishing thread; sends still queued fail.
	 */
	@Override
	public void close() {
		this.publishing.close();
	}

}
