package dev.microkit.calls.grpc;

import java.util.concurrent.Executor;

import dev.microkit.calls.CallTimeoutException;
import dev.microkit.calls.CallTokenException;
import dev.microkit.calls.GrpcStatuses;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * A unary call that runs as one call of the service's policy once its request is sent: on
 * the executor of the call, which for a blocking stub is the calling thread (so the call
 * keeps its trace and its deadline), else on the channel's executor. Cancelling it
 * cancels the attempt in flight.
 */
final class PolicyUnaryCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {

	private final LoadBalancedChannel channel;

	private final MethodDescriptor<ReqT, RespT> method;

	private final CallOptions options;

	private final Executor executor;

	private final Context.CancellableContext context = Context.current().withCancellation();

	private Listener<RespT> listener;

	private Metadata headers;

	private ReqT request;

	private boolean sent;

	PolicyUnaryCall(LoadBalancedChannel channel, MethodDescriptor<ReqT, RespT> method, CallOptions options,
			Executor executor) {
		this.channel = channel;
		this.method = method;
		this.options = options;
		this.executor = executor;
	}

	@Override
	public void start(Listener<RespT> listener, Metadata headers) {
		if (this.listener != null) {
			throw new IllegalStateException("Already started");
		}
		this.listener = listener;
		this.headers = headers;
	}

	@Override
	public void request(int numMessages) {
		// one answer, delivered when the call ends
	}

	@Override
	public void sendMessage(ReqT message) {
		if (this.request != null) {
			throw new IllegalStateException(this.method.getFullMethodName() + " is unary: it takes one message");
		}
		this.request = message;
	}

	@Override
	public void halfClose() {
		if (this.listener == null || this.request == null) {
			throw new IllegalStateException("Start the call and send its message before closing it");
		}
		if (this.sent) {
			throw new IllegalStateException("Already half-closed");
		}
		this.sent = true;
		this.executor.execute(this.context.wrap(this::run));
	}

	@Override
	public void cancel(String message, Throwable cause) {
		this.context.cancel(Status.CANCELLED.withDescription(message).withCause(cause).asRuntimeException());
	}

	private void run() {
		if (this.context.isCancelled()) {
			this.listener.onClose(Status.CANCELLED.withDescription("Cancelled before it was sent"), new Metadata());
			return;
		}
		RespT response;
		try {
			response = this.channel.call(this.method, this.options, this.headers, this.request);
		}
		catch (Throwable failure) {
			this.listener.onClose(statusOf(failure), trailersOf(failure));
			return;
		}
		finally {
			this.context.cancel(null);
		}
		this.listener.onHeaders(new Metadata());
		this.listener.onMessage(response);
		this.listener.onClose(Status.OK, new Metadata());
	}

	private Status statusOf(Throwable failure) {
		if (GrpcStatuses.isStatus(failure)) {
			return Status.fromThrowable(failure);
		}
		if (failure instanceof CallTimeoutException) {
			return Status.DEADLINE_EXCEEDED.withDescription(failure.getMessage()).withCause(failure);
		}
		if (failure instanceof CallNotPermittedException || failure instanceof CallTokenException) {
			return Status.UNAVAILABLE.withDescription(failure.getMessage()).withCause(failure);
		}
		if (failure instanceof BulkheadFullException || failure instanceof RequestNotPermitted) {
			return Status.RESOURCE_EXHAUSTED.withDescription(failure.getMessage()).withCause(failure);
		}
		return Status.UNKNOWN.withDescription(failure.toString()).withCause(failure);
	}

	private static Metadata trailersOf(Throwable failure) {
		Metadata trailers = Status.trailersFromThrowable(failure);
		return (trailers != null) ? trailers : new Metadata();
	}

}
