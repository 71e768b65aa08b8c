package dev.microkit.calls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

/**
 * The {@code backend} service over gRPC, the same calls as the Feign
 * {@code BackendClient}, with plain-text messages so that no protoc is needed:
 * {@code Work} has no side effects, {@code CreateIdempotent} is idempotent (as
 * {@code idempotency_level} marks them in a proto), {@code Create} and
 * {@code CreateWithKey} are neither.
 */
public final class BackendGrpc {

	static final String SERVICE = "test.Backend";

	static final MethodDescriptor<String, String> WORK = method("Work").setSafe(true).build();

	static final MethodDescriptor<String, String> CREATE = method("Create").build();

	static final MethodDescriptor<String, String> CREATE_IDEMPOTENT = method("CreateIdempotent").setIdempotent(true)
		.build();

	static final MethodDescriptor<String, String> CREATE_WITH_KEY = method("CreateWithKey").build();

	/**
	 * {@code Work} as a server stream of one answer.
	 */
	static final MethodDescriptor<String, String> WATCH = method("Watch")
		.setType(MethodDescriptor.MethodType.SERVER_STREAMING)
		.build();

	static final Metadata.Key<String> KEY = Metadata.Key.of("idempotency-key", Metadata.ASCII_STRING_MARSHALLER);

	private BackendGrpc() {
	}

	private static MethodDescriptor.Builder<String, String> method(String name) {
		return MethodDescriptor.<String, String>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
			.setRequestMarshaller(Text.INSTANCE)
			.setResponseMarshaller(Text.INSTANCE);
	}

	/**
	 * A blocking client over a channel.
	 */
	public record Client(Channel channel) {

		public String work() {
			return ClientCalls.blockingUnaryCall(this.channel, WORK, CallOptions.DEFAULT, "");
		}

		public String create(String order) {
			return ClientCalls.blockingUnaryCall(this.channel, CREATE, CallOptions.DEFAULT, order);
		}

		public String createIdempotent(String order) {
			return ClientCalls.blockingUnaryCall(this.channel, CREATE_IDEMPOTENT, CallOptions.DEFAULT, order);
		}

		public String createWithKey(String key, String order) {
			Metadata headers = new Metadata();
			headers.put(KEY, key);
			Channel keyed = io.grpc.ClientInterceptors.intercept(this.channel,
					MetadataUtils.newAttachHeadersInterceptor(headers));
			return ClientCalls.blockingUnaryCall(keyed, CREATE_WITH_KEY, CallOptions.DEFAULT, order);
		}

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
