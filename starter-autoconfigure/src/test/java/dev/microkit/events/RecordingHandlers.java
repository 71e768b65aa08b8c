package dev.microkit.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handlers that record what they receive.
 */
public class RecordingHandlers {

	public final List<OrderPlaced> placed = new CopyOnWriteArrayList<>();

	public final List<EventMetadata> placedMetadata = new CopyOnWriteArrayList<>();

	public final List<OrderPlaced> broadcast = new CopyOnWriteArrayList<>();

	public final AtomicInteger flakyAttempts = new AtomicInteger();

	public final List<OrderPlaced> flakyHandled = new CopyOnWriteArrayList<>();

	public final AtomicInteger brokenAttempts = new AtomicInteger();

	@EventHandler("order.placed")
	public void placed(OrderPlaced order, EventMetadata metadata) {
		this.placed.add(order);
		this.placedMetadata.add(metadata);
	}

	@EventHandler(value = "order.announced", delivery = Delivery.BROADCAST)
	void announced(OrderPlaced order) {
		this.broadcast.add(order);
	}

	@EventHandler("order.flaky")
	void flaky(OrderPlaced order) {
		if (this.flakyAttempts.incrementAndGet() <= 2) {
			throw new IllegalStateException("not yet");
		}
		this.flakyHandled.add(order);
	}

	@EventHandler("order.broken")
	void broken(OrderPlaced order) {
		this.brokenAttempts.incrementAndGet();
		throw new IllegalStateException("always broken");
	}

}
