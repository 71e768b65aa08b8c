package dev.microkit.events.rabbitmq;

import org.aopalliance.intercept.MethodInterceptor;

import dev.microkit.events.EventsMetrics;
import dev.microkit.events.EventsProperties;
import dev.microkit.events.listener.EventFailures;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.policy.AlwaysRetryPolicy;
import org.springframework.retry.policy.ExceptionClassifierRetryPolicy;
import org.springframework.retry.policy.NeverRetryPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

/**
 * The retries of a RabbitMQ listener container, as the Kafka transport does them: a
 * failed delivery is retried in the consumer with exponential back-off, then republished,
 * with the exception in its headers and a publisher confirm awaited, to the topic's
 * dead-letter exchange and so into the group's dead-letter queue; poison pills, unknown
 * types and the configured exceptions go there at once; while the idempotent consumer's
 * database is away the delivery is retried without end rather than dead-lettered.
 */
public class RabbitRetries {

	/**
	 * The context attribute holding the message being retried, for the metrics.
	 */
	static final String MESSAGE = "microkit.message";

	private final RabbitTemplate deadLetterTemplate;

	private final EventsProperties.Retry retry;

	private final EventsMetrics metrics;

	public RabbitRetries(RabbitTemplate deadLetterTemplate, EventsProperties.Retry retry, EventsMetrics metrics) {
		this.deadLetterTemplate = deadLetterTemplate;
		this.retry = retry;
		this.metrics = metrics;
	}

	/**
	 * The advice of one container.
	 * @param topic the topic it consumes
	 * @param group the group whose dead-letter queue takes what fails
	 * @param metricsGroup the group its metrics are tagged with
	 * @return the interceptor
	 */
	MethodInterceptor interceptor(String topic, String group, String metricsGroup) {
		RetryPolicy policy = policy();
		ExponentialBackOffPolicy backOff = new ExponentialBackOffPolicy();
		backOff.setInitialInterval(this.retry.getInitialInterval().toMillis());
		backOff.setMultiplier(this.retry.getMultiplier());
		backOff.setMaxInterval(this.retry.getMaxInterval().toMillis());
		RetryTemplate template = new RetryTemplate();
		template.setRetryPolicy(policy);
		template.setBackOffPolicy(backOff);
		template.registerListener(new CountingRetryListener(policy, topic, metricsGroup));
		RepublishMessageRecovererWithConfirms republisher = new RepublishMessageRecovererWithConfirms(
				this.deadLetterTemplate, RabbitTopology.deadLetterExchange(topic), group,
				CachingConnectionFactory.ConfirmType.CORRELATED);
		MessageRecoverer recoverer = (message, cause) -> {
			republisher.recover(message, cause);
			Throwable root = rootOf(cause);
			this.metrics.deadLettered(AmqpMessageEnvelope.typeOf(message), topic, metricsGroup,
					root.getClass().getSimpleName());
		};
		return RetryInterceptorBuilder.stateless().retryOperations(template).recoverer(recoverer).build();
	}

	private RetryPolicy policy() {
		SimpleRetryPolicy limited = new SimpleRetryPolicy(this.retry.getMaxAttempts());
		ExceptionClassifierRetryPolicy policy = new ExceptionClassifierRetryPolicy();
		policy.setExceptionClassifier((failure) -> {
			Throwable cause = rootOf(failure);
			if (!EventFailures.isRetried(cause, this.retry.getNotRetryable())) {
				return new NeverRetryPolicy();
			}
			return EventFailures.isDatabaseOutage(failure) ? new AlwaysRetryPolicy() : limited;
		});
		return policy;
	}

	/**
	 * What the listener threw, without the container's wrapper.
	 */
	private static Throwable rootOf(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * Counts retries per type: the message is in the retry context, put there by the
	 * container's listener.
	 */
	private final class CountingRetryListener implements RetryListener {

		private final RetryPolicy policy;

		private final String topic;

		private final String group;

		CountingRetryListener(RetryPolicy policy, String topic, String group) {
			this.policy = policy;
			this.topic = topic;
			this.group = group;
		}

		@Override
		public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
				Throwable throwable) {
			if (context.getAttribute(MESSAGE) instanceof Message message && this.policy.canRetry(context)) {
				RabbitRetries.this.metrics.retried(AmqpMessageEnvelope.typeOf(message), this.topic, this.group);
			}
		}

	}

}
