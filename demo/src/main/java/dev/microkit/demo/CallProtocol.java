package dev.microkit.demo;

import java.util.List;

/**
 * How the order service calls inventory for sync orders: {@code ./demo.sh --calls=http}
 * (the default) or {@code --calls=grpc}.
 */
public enum CallProtocol {

	/**
	 * Inventory's HTTP API, with a Feign client.
	 */
	HTTP,

	/**
	 * Inventory's gRPC API, with a blocking stub over microkit's channel.
	 */
	GRPC;

	/**
	 * The protocol a {@code --calls} option names.
	 * @throws IllegalArgumentException for any other name
	 */
	static CallProtocol of(String name) {
		return switch (name) {
			case "http" -> HTTP;
			case "grpc" -> GRPC;
			default -> throw new IllegalArgumentException("--calls takes http or grpc, not '" + name + "'");
		};
	}

	/**
	 * The argument that makes the order service call this way.
	 */
	public List<String> serviceArguments() {
		return List.of("--order.inventory.protocol=" + name().toLowerCase());
	}

}
