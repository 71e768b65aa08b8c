package dev.microkit.benchmarks.calls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

/**
 * A real gRPC server on loopback that answers {@code bench.Backend/Work} — a unary method
 * with no side effects, plain-text messages — with its name after a chosen delay, and
 * counts the calls it receives: the gRPC twin of the HTTP loopback backends.
 */
final class GrpcLoopbackBackend implements AutoCloseable {

	static final MethodDescriptor<String, String> WORK = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Backend", "Work"))
		.setSafe(true)
		.setRequestMarshaller(Text.INSTANCE)
		.setResponseMarshaller(Text.INSTANCE)
		.build();

	/**
	 * As many as the HTTP backends have, so that calls wait for the delay they were given
	 * and not for a thread.
	 */
	private static final int WORKERS = 200;

	private final String name;

	private final Duration delay;

	private final ExecutorService executor = Executors.newFixedThreadPool(WORKERS);

	private final AtomicInteger requests = new AtomicInteger();

	private final Server server;

	GrpcLoopbackBackend(String name, Duration delay) {
		this.name = name;
		this.delay = delay;
		ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Backend")
			.addMethod(WORK, ServerCalls.asyncUnaryCall((request, answer) -> {
				this.requests.incrementAndGet();
				pause(this.delay);
				answer.onNext(this.name);
				answer.onCompleted();
			}))
			.build();
		try {
			this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
				.executor(this.executor)
				.addService(service)
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	/**
	 * Calls the backend's method once over a channel.
	 */
	static String work(Channel channel) {
		return ClientCalls.blockingUnaryCall(channel, WORK, CallOptions.DEFAULT, "");
	}

	private static void pause(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		long left = duration.toNanos();
		while (left > 0 && !Thread.currentThread().isInterrupted()) {
			LockSupport.parkNanos(left);
			left = deadline - System.nanoTime();
		}
	}

	int port() {
		return this.server.getPort();
	}

	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.shutdownNow();
		try {
			this.server.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor.shutdownNow();
	}

	enum Text implements MethodDescriptor.Marshaller<String> {

		INSTANCE;

		@Override
		public InputStream stream(String value) {
			return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String parse(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
