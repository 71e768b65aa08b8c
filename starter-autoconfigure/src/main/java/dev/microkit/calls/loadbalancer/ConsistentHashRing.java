package dev.microkit.calls.loadbalancer;

import java.util.Arrays;
import java.util.List;

import org.springframework.cloud.client.ServiceInstance;

import dev.microkit.calls.instances.InstanceKeys;

/**
 * A hash ring (Karger et al.) with virtual nodes: each instance owns many points on a
 * 64-bit circle and a key goes to the owner of the first point at or after its hash. When
 * one of N instances leaves, only the keys it owned — about 1/N — move.
 */
final class ConsistentHashRing {

	private final List<ServiceInstance> instances;

	private final List<String> instanceKeys;

	private final long[] points;

	private final ServiceInstance[] owners;

	ConsistentHashRing(List<ServiceInstance> instances, int virtualNodes) {
		this.instances = instances;
		this.instanceKeys = instances.stream().map(InstanceKeys::of).toList();
		int size = instances.size() * virtualNodes;
		long[][] entries = new long[size][];
		int n = 0;
		for (int i = 0; i < instances.size(); i++) {
			for (int v = 0; v < virtualNodes; v++) {
				entries[n++] = new long[] { hash(this.instanceKeys.get(i) + "#" + v), i };
			}
		}
		Arrays.sort(entries, (a, b) -> Long.compare(a[0], b[0]));
		this.points = new long[size];
		this.owners = new ServiceInstance[size];
		for (int p = 0; p < size; p++) {
			this.points[p] = entries[p][0];
			this.owners[p] = instances.get((int) entries[p][1]);
		}
	}

	boolean isFor(List<ServiceInstance> instances) {
		// The cached discovery list is the same object until it refreshes: no keys to
		// compare.
		if (instances == this.instances) {
			return true;
		}
		if (instances.size() != this.instanceKeys.size()) {
			return false;
		}
		for (int i = 0; i < instances.size(); i++) {
			if (!this.instanceKeys.get(i).equals(InstanceKeys.of(instances.get(i)))) {
				return false;
			}
		}
		return true;
	}

	ServiceInstance locate(String key) {
		long hash = hash(key);
		int index = Arrays.binarySearch(this.points, hash);
		if (index < 0) {
			index = -index - 1;
		}
		return this.owners[(index == this.points.length) ? 0 : index];
	}

	/**
	 * FNV-1a over the characters, then the SplitMix64 finalizer for avalanche: a few
	 * lines instead of a hashing library, and stable across JVMs unlike
	 * {@link String#hashCode()}'s weak low bits.
	 */
	static long hash(String value) {
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < value.length(); i++) {
			h ^= value.charAt(i);
			h *= 0x100000001b3L;
		}
		h ^= (h >>> 30);
		h *= 0xbf58476d1ce4e5b9L;
		h ^= (h >>> 27);
		h *= 0x94d049bb133111ebL;
		h ^= (h >>> 31);
		return h;
	}

}
