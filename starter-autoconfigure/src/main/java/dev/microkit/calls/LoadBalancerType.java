package dev.microkit.calls;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The balancers a client can use, by their configuration names.
 */
public enum LoadBalancerType {

	ROUND_ROBIN("round-robin"),

	RANDOM("random"),

	WEIGHTED("weighted"),

	LEAST_REQUESTS("least-requests"),

	PEAK_EWMA("peak-ewma"),

	CONSISTENT_HASH("consistent-hash");

	private final String configName;

	LoadBalancerType(String configName) {
		this.configName = configName;
	}

	public String configName() {
		return this.configName;
	}

	/**
	 * Parses a configuration value, naming the accepted values when it is not one of
	 * them.
	 * @param value the configured name, such as {@code peak-ewma}
	 * @return the matching type
	 */
	public static LoadBalancerType fromConfigName(String value) {
		String normalized = value.trim().toLowerCase().replace('_', '-');
		return Arrays.stream(values())
			.filter((type) -> type.configName.equals(normalized))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"'" + value + "' is not a load balancer; accepted values are " + acceptedValues()));
	}

	public static String acceptedValues() {
		return Arrays.stream(values()).map(LoadBalancerType::configName).collect(Collectors.joining(", "));
	}

	@Override
	public String toString() {
		return this.configName;
	}

}
