package dev.microkit.calls.instances;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Names instances in statistics, metrics and the actuator endpoint.
 */
public final class InstanceKeys {

	private InstanceKeys() {
	}

	/**
	 * The instance id when discovery gives one, else {@code host:port}.
	 * @param instance the instance
	 * @return its key
	 */
	public static String of(ServiceInstance instance) {
		String id = instance.getInstanceId();
		return (id != null && !id.isEmpty()) ? id : instance.getHost() + ":" + instance.getPort();
	}

}
