package dev.microkit.samples.order;

/**
 * How the order service calls the inventory service for sync orders.
 */
public enum InventoryProtocol {

	/**
	 * Its HTTP API, with a Feign client.
	 */
	HTTP,

	/**
	 * Its gRPC API, with a blocking stub over microkit's channel.
	 */
	GRPC

}
