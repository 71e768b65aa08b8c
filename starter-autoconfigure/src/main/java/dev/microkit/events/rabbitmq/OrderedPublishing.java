package dev.microkit.events.rabbitmq;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes every message on one channel, in the order the sends were asked for, as
 * Kafka's producer does per partition. RabbitMQ keeps the order of the messages of one
 * channel only: a template that takes a channel from the cache per send spreads sends
 * over several channels, whose messages the broker may route in any order, and one key's
 * events arrive out of order. One thread holds the channel in a scoped operation of
 * Spring AMQP's template and writes what the callers queue; a send whose channel breaks
 * fails, and the thread opens a new scope for the next one. Each send is written in the
 * caller's trace ({@link CallerContext}).
 */
final class OrderedPublishing implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(OrderedPublishing.class);

	private static final Duration POLL = Duration.ofMillis(100);

	private static final Duration RETRY_SCOPE = Duration.ofSeconds(1);

	private final RabbitTemplate template;

	private final Duration maxBlock;

	private final BlockingQueue<Publish> queue;

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * @param template the template, with publisher confirms and returns
	 * @param capacity how many sends may wait for the channel
	 * @param maxBlock how long a caller waits for room in a full queue before its send
	 * fails
	 */
	OrderedPublishing(RabbitTemplate template, int capacity, Duration maxBlock) {
		this.template = template;
		this.maxBlock = maxBlock;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.thread = new Thread(this::run, "microkit-rabbitmq-publisher");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Queues a message for the channel.
	 * @return completes when the message is written to the channel, or fails when it
	 * could not be; the broker's confirm comes through the correlation data
	 */
	CompletableFuture<Void> publish(String exchange, String routingKey, Message message, CorrelationData correlation,
			CallerContext.Captured caller) {
		Publish publish = new Publish(exchange, routingKey, message, correlation, caller, new CompletableFuture<>());
		try {
			if (!this.running) {
				throw new IllegalStateException("The RabbitMQ publisher is closed");
			}
			if (!this.queue.offer(publish, this.maxBlock.toMillis(), TimeUnit.MILLISECONDS)) {
				publish.written()
					.completeExceptionally(new IllegalStateException(
							"The RabbitMQ publisher's queue stayed full for " + this.maxBlock.toMillis() + " ms"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			publish.written().completeExceptionally(ex);
		}
		catch (IllegalStateException ex) {
			publish.written().completeExceptionally(ex);
		}
		return publish.written();
	}

	private void run() {
		while (this.running) {
			try {
				this.template.invoke(this::writeWhileRunning);
			}
			catch (AmqpException ex) {
				// what waits now would wait for a broker that does not answer: it fails,
				// as a send to a Kafka without a leader does
				logger.debug("The RabbitMQ publishing channel broke; a new one is opened for the next send", ex);
				failQueued(ex);
				pause();
			}
		}
		failQueued(new IllegalStateException("The RabbitMQ publisher was closed before the event was sent"));
	}

	private Void writeWhileRunning(RabbitOperations operations) {
		while (this.running) {
			Publish publish = next();
			if (publish == null) {
				continue;
			}
			try (CallerContext.Scope scope = publish.caller().restore()) {
				operations.send(publish.exchange(), publish.routingKey(), publish.message(), publish.correlation());
				publish.written().complete(null);
			}
			catch (AmqpException ex) {
				publish.written().completeExceptionally(ex);
				throw ex;
			}
		}
		return null;
	}

	private Publish next() {
		try {
			return this.queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			// close() interrupts the thread to end the scope
			return null;
		}
	}

	private void pause() {
		try {
			Thread.sleep(RETRY_SCOPE.toMillis());
		}
		catch (InterruptedException ex) {
			// close() interrupts the pause
		}
	}

	private void failQueued(Exception reason) {
		Publish publish;
		while ((publish = this.queue.poll()) != null) {
			publish.written().completeExceptionally(reason);
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(RETRY_SCOPE.toMillis() * 5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		failQueued(new IllegalStateException("The RabbitMQ publisher was closed before the event was sent"));
	}

	private record Publish(String exchange, String routingKey, Message message, CorrelationData correlation,
			CallerContext.Captured caller, CompletableFuture<Void> written) {
	}

}
