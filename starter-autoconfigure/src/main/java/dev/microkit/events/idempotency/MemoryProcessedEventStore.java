package dev.microkit.events.idempotency;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the ids of the last handled events in memory, per application instance: it
 * catches redeliveries to this instance (after a retry or a rebalance back to it), not
 * duplicates handled by another instance or before a restart. Use the JDBC store for
 * those.
 */
public class MemoryProcessedEventStore implements ProcessedEventStore {

	private final Map<String, Boolean> handled;

	public MemoryProcessedEventStore(int capacity) {
		this.handled = new LinkedHashMap<>(16, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	@Override
	public boolean handleOnce(String group, String eventId, Handling handling) throws Exception {
		String key = group + '\u0000' + eventId;
		synchronized (this.handled) {
			if (this.handled.putIfAbsent(key, Boolean.TRUE) != null) {
				return false;
			}
		}
		try {
			handling.run();
			return true;
		}
		catch (Exception ex) {
			synchronized (this.handled) {
				this.handled.remove(key);
			}
			throw ex;
		}
	}

}
