package dev.microkit.calls.grpc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.grpc.ManagedChannel;

/**
 * One channel per instance address, made on first use and kept: a channel holds one
 * connection, reconnects on its own and lets it go when idle, so an address that is gone
 * costs a map entry, not a connection.
 */
final class InstanceChannels {

	private final Function<String, ManagedChannel> factory;

	private final ConcurrentMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

	/**
	 * @param factory makes a channel to a {@code host:port} target
	 */
	InstanceChannels(Function<String, ManagedChannel> factory) {
		this.factory = factory;
	}

	ManagedChannel of(String host, int port) {
		String target = (host.indexOf(':') >= 0) ? "[" + host + "]:" + port : host + ":" + port;
		return this.channels.computeIfAbsent(target, this.factory);
	}

	void shutdown() {
		this.channels.values().forEach(ManagedChannel::shutdown);
		for (ManagedChannel channel : this.channels.values()) {
			try {
				if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
					channel.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				channel.shutdownNow();
			}
		}
		this.channels.clear();
	}

}
