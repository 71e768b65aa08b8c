package dev.microkit.calls.loadbalancer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Reads the {@code weight} metadata of instances.
 */
public final class InstanceWeights {

	/**
	 * Metadata key of an instance's weight.
	 */
	public static final String METADATA_KEY = "weight";

	private static final Log logger = LogFactory.getLog(InstanceWeights.class);

	private static final double DEFAULT_WEIGHT = 1.0;

	private final Map<String, Double> parsed = new ConcurrentHashMap<>();

	/**
	 * The weight of an instance: its metadata value, or 1 when it has none or a wrong one
	 * (logged once per value).
	 * @param instance the instance
	 * @return a positive weight
	 */
	public double of(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		String raw = (metadata != null) ? metadata.get(METADATA_KEY) : null;
		if (raw == null) {
			return DEFAULT_WEIGHT;
		}
		Double weight = this.parsed.get(raw);
		return (weight != null) ? weight : this.parsed.computeIfAbsent(raw, this::parseOrDefault);
	}

	private double parseOrDefault(String raw) {
		try {
			return parse(raw);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignoring instance " + ex.getMessage() + "; using weight 1");
			return DEFAULT_WEIGHT;
		}
	}

	/**
	 * Parses a weight.
	 * @param raw the metadata value
	 * @return the weight
	 * @throws IllegalArgumentException when it is not a positive number
	 */
	public static double parse(String raw) {
		try {
			double weight = Double.parseDouble(raw.trim());
			if (weight > 0 && Double.isFinite(weight)) {
				return weight;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("weight '" + raw + "': it must be a positive number, such as 1 or 2.5");
	}

}
