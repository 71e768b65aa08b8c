package dev.microkit.calls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

import dev.microkit.testsupport.http.LoopbackBackend;

/**
 * A real gRPC server on loopback in front of a {@link LoopbackBackend}: each call is one
 * HTTP request to the backend ({@code Work} a GET, the others a POST), whose status
 * becomes the call's ({@code 503} → {@code UNAVAILABLE}, {@code 404} → {@code NOT_FOUND},
 * {@code 409} → {@code ALREADY_EXISTS}), so that the backend's delays, statuses and
 * counts hold for gRPC calls too. The call's {@code authorization} values go along as one
 * {@code Authorization} header ({@code 401} → {@code UNAUTHENTICATED}). It stops and
 * starts on its own.
 */
final class GrpcFront implements AutoCloseable {

	private static final Map<Integer, Status> STATUSES = Map.of(401, Status.UNAUTHENTICATED, 404, Status.NOT_FOUND, 409,
			Status.ALREADY_EXISTS, 500, Status.INTERNAL, 503, Status.UNAVAILABLE);

	private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Context.Key<String> CALL_AUTHORIZATION = Context.key("authorization");

	private final LoopbackBackend backend;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Server server;

	private int port;

	GrpcFront(LoopbackBackend backend) {
		this.backend = backend;
		start(0);
	}

	private void start(int requestedPort) {
		ServerServiceDefinition service = ServerServiceDefinition.builder(BackendGrpc.SERVICE)
			.addMethod(BackendGrpc.WORK, ServerCalls.asyncUnaryCall((request, answer) -> forward("GET", "", answer)))
			.addMethod(BackendGrpc.CREATE, unary())
			.addMethod(BackendGrpc.CREATE_IDEMPOTENT, unary())
			.addMethod(BackendGrpc.CREATE_WITH_KEY, unary())
			.addMethod(BackendGrpc.WATCH,
					ServerCalls.asyncServerStreamingCall((request, answer) -> forward("GET", "", answer)))
			.build();
		try {
			this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", requestedPort))
				.addService(ServerInterceptors.intercept(service, new AuthorizationForwarding()))
				.build()
				.start();
			this.port = this.server.getPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the gRPC front of " + this.backend.name(), ex);
		}
	}

	private ServerCallHandler<String, String> unary() {
		return ServerCalls.asyncUnaryCall((request, answer) -> forward("POST", request, answer));
	}

	private void forward(String method, String body, StreamObserver<String> answer) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.backend.uri() + ("GET".equals(method) ? "/work" : "/orders")))
			.method(method,
					"GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString(body))
			.build();
		String authorization = CALL_AUTHORIZATION.get();
		if (authorization != null) {
			request = HttpRequest.newBuilder(request, (name, value) -> true)
				.header("Authorization", authorization)
				.build();
		}
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200) {
				answer.onNext(response.body());
				answer.onCompleted();
			}
			else {
				answer.onError(STATUSES.getOrDefault(response.statusCode(), Status.UNKNOWN)
					.withDescription("HTTP " + response.statusCode())
					.asRuntimeException());
			}
		}
		catch (IOException ex) {
			answer.onError(Status.UNAVAILABLE.withDescription(ex.toString()).asRuntimeException());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer.onError(Status.CANCELLED.asRuntimeException());
		}
	}

	int port() {
		return this.port;
	}

	/**
	 * Stops listening: connections are refused until {@link #restart()}.
	 */
	void stop() {
		this.server.shutdownNow();
		try {
			this.server.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void restart() {
		start(this.port);
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Puts the call's {@code authorization} values, joined as HTTP would, where
	 * {@link #forward} finds them.
	 */
	private static final class AuthorizationForwarding implements ServerInterceptor {

		@Override
		public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
				ServerCallHandler<ReqT, RespT> next) {
			Iterable<String> values = headers.getAll(AUTHORIZATION);
			if (values == null) {
				return next.startCall(call, headers);
			}
			Context context = Context.current().withValue(CALL_AUTHORIZATION, String.join(", ", values));
			return Contexts.interceptCall(context, call, headers, next);
		}

	}

}
