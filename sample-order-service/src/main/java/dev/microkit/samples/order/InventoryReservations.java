package dev.microkit.samples.order;

/**
 * Reserves a sync order's stock by calling the inventory service, over HTTP or gRPC
 * ({@code order.inventory.protocol}), and turns the answer into the order's status. When
 * no answer comes — every instance down, the circuit open, the deadline gone — the order
 * stays pending and goes on by events.
 */
interface InventoryReservations {

	/**
	 * The order's reason while inventory cannot be reached.
	 */
	String UNREACHABLE = "Inventory could not be reached; the order continues asynchronously";

	/**
	 * Reserves the order's stock.
	 * @param order a placed order
	 * @return the order confirmed, rejected, or still pending
	 */
	Order reserve(Order order);

}
