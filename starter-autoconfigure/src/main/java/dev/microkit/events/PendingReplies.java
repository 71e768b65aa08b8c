package dev.microkit.events;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The requests of this instance that wait for a reply, by request id. A reply completes
 * its request's future with the payload read as the type the requester asked for; a
 * request without a reply in time fails with {@link EventRequestTimeoutException}. A
 * reply that finds no waiting request is dropped and counted: {@code late} when its
 * request timed out, {@code duplicate} when its request was answered already (a request
 * delivered twice, say), {@code unknown} otherwise (one sent before this instance
 * started).
 */
public class PendingReplies implements AutoCloseable {

	/**
	 * Requests remembered after they settled, to tell late and duplicate replies apart.
	 */
	private static final int REMEMBERED = 10_000;

	private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();

	private final Map<String, String> settled = new LinkedHashMap<>(64, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > REMEMBERED;
		}

	};

	private final ObjectMapper objectMapper;

	private final EventsMetrics metrics;

	/**
	 * One thread for the timeouts; a request's timeout is cancelled, and leaves the
	 * queue, when its reply comes.
	 */
	private final ScheduledThreadPoolExecutor timeouts;

	public PendingReplies(ObjectMapper objectMapper, EventsMetrics metrics) {
		this.objectMapper = objectMapper;
		this.metrics = metrics;
		this.timeouts = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "microkit-events-request-timeouts");
			thread.setDaemon(true);
			return thread;
		});
		this.timeouts.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Waits for the reply to a request about to be sent.
	 * @param <R> the reply's type
	 * @param request the request
	 * @param replyType the type to read the reply's payload as
	 * @param timeout how long to wait
	 * @return completes with the reply, or fails
	 */
	<R> CompletableFuture<R> expect(OutgoingEvent request, Class<R> replyType, Duration timeout) {
		Pending<R> waiting = new Pending<>(request.type(), replyType, timeout, System.nanoTime());
		this.pending.put(request.id(), waiting);
		try {
			waiting.timeout = this.timeouts.schedule(() -> expire(request.id(), waiting), timeout.toNanos(),
					TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.pending.remove(request.id(), waiting);
			waiting.future.completeExceptionally(new IllegalStateException(
					"The '" + request.type() + "' request was not sent: the application is stopping", ex));
		}
		return waiting.future;
	}

	/**
	 * Fails a request that could not be sent.
	 */
	void failed(String requestId, Throwable failure) {
		Pending<?> waiting = this.pending.remove(requestId);
		if (waiting != null) {
			waiting.cancelTimeout();
			this.metrics.requested(waiting.type, "failed", System.nanoTime() - waiting.startNanos);
			waiting.future.completeExceptionally(failure);
		}
	}

	/**
	 * Hands over a reply as the transport read it.
	 * @param correlationId the id of the request it answers, from its
	 * {@code correlationid} attribute
	 * @param data the reply's payload
	 */
	public void accept(String correlationId, byte[] data) {
		Pending<?> waiting = (correlationId != null) ? this.pending.remove(correlationId) : null;
		if (waiting == null) {
			this.metrics.unmatchedReply(unmatchedReason(correlationId));
			return;
		}
		waiting.cancelTimeout();
		settle(correlationId, "answered");
		this.metrics.requested(waiting.type, "answered", System.nanoTime() - waiting.startNanos);
		waiting.complete(this.objectMapper, correlationId, data);
	}

	/**
	 * How many requests wait for a reply now.
	 * @return the count
	 */
	public int waiting() {
		return this.pending.size();
	}

	/**
	 * How many timeouts are scheduled now: one per waiting request.
	 * @return the count
	 */
	int scheduledTimeouts() {
		return this.timeouts.getQueue().size();
	}

	/**
	 * Stops the timeouts; requests still waiting are left as they are.
	 */
	@Override
	public void close() {
		this.timeouts.shutdownNow();
	}

	private void expire(String requestId, Pending<?> waiting) {
		if (this.pending.remove(requestId, waiting)) {
			settle(requestId, "late");
			this.metrics.requested(waiting.type, "timeout", System.nanoTime() - waiting.startNanos);
			waiting.future
				.completeExceptionally(new EventRequestTimeoutException(waiting.type, requestId, waiting.waitFor));
		}
	}

	private void settle(String requestId, String laterReplyIs) {
		synchronized (this.settled) {
			this.settled.put(requestId, laterReplyIs);
		}
	}

	private String unmatchedReason(String correlationId) {
		if (correlationId == null) {
			return "unknown";
		}
		String reason;
		synchronized (this.settled) {
			reason = this.settled.get(correlationId);
		}
		if (reason == null) {
			return "unknown";
		}
		return "answered".equals(reason) ? "duplicate" : reason;
	}

	private static final class Pending<R> {

		private final String type;

		private final Class<R> replyType;

		private final Duration waitFor;

		private final long startNanos;

		private final CompletableFuture<R> future = new CompletableFuture<>();

		private volatile ScheduledFuture<?> timeout;

		Pending(String type, Class<R> replyType, Duration waitFor, long startNanos) {
			this.type = type;
			this.replyType = replyType;
			this.waitFor = waitFor;
			this.startNanos = startNanos;
		}

		void cancelTimeout() {
			ScheduledFuture<?> scheduled = this.timeout;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

		void complete(ObjectMapper objectMapper, String requestId, byte[] data) {
			try {
				this.future.complete(objectMapper.readValue(data, this.replyType));
			}
			catch (IOException | RuntimeException ex) {
				this.future.completeExceptionally(new IllegalStateException("The reply to the '" + this.type
						+ "' request " + requestId + " cannot be read as " + this.replyType.getName(), ex));
			}
		}

	}

}
