package dev.microkit.calls.grpc;

import java.util.function.Function;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.util.ClassUtils;

/**
 * Makes the channel to one instance: by Spring gRPC's {@code GrpcChannelFactory} where
 * the application has one, so that its credentials
 * ({@code spring.grpc.client.default-channel.*}), interceptors and observations apply;
 * else a plain-text channel of grpc-java's.
 */
public final class InstanceChannelFactory {

	private static final boolean SPRING_GRPC_PRESENT = ClassUtils
		.isPresent("org.springframework.grpc.client.GrpcChannelFactory", InstanceChannelFactory.class.getClassLoader());

	private InstanceChannelFactory() {
	}

	/**
	 * The factory for an application.
	 * @param beanFactory where Spring gRPC's factory is looked up, on first use
	 * @return a function from a {@code host:port} target to a new channel
	 */
	public static Function<String, ManagedChannel> of(BeanFactory beanFactory) {
		return SPRING_GRPC_PRESENT ? SpringGrpc.channels(beanFactory) : InstanceChannelFactory::plainText;
	}

	static ManagedChannel plainText(String target) {
		return Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
	}

	/**
	 * Kept apart so that Spring gRPC's types load only where it is.
	 */
	private static final class SpringGrpc {

		static Function<String, ManagedChannel> channels(BeanFactory beanFactory) {
			ObjectProvider<GrpcChannelFactory> factories = beanFactory.getBeanProvider(GrpcChannelFactory.class);
			return (target) -> {
				GrpcChannelFactory factory = factories.getIfAvailable();
				return (factory != null) ? factory.createChannel(target) : plainText(target);
			};
		}

	}

}
