package dev.microkit.calls.loadbalancer;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

/**
 * Fails startup when a statically configured instance has a {@code weight} that is not a
 * positive number, naming the property.
 */
public class SimpleDiscoveryWeightsCheck implements InitializingBean {

	private final ObjectProvider<SimpleDiscoveryProperties> discovery;

	public SimpleDiscoveryWeightsCheck(ObjectProvider<SimpleDiscoveryProperties> discovery) {
		this.discovery = discovery;
	}

	@Override
	public void afterPropertiesSet() {
		SimpleDiscoveryProperties properties = this.discovery.getIfAvailable();
		if (properties == null) {
			return;
		}
		for (Map.Entry<String, List<DefaultServiceInstance>> service : properties.getInstances().entrySet()) {
			List<DefaultServiceInstance> instances = service.getValue();
			for (int i = 0; i < instances.size(); i++) {
				check(service.getKey(), i, instances.get(i).getMetadata());
			}
		}
	}

	private static void check(String serviceId, int index, Map<String, String> metadata) {
		String raw = (metadata != null) ? metadata.get(InstanceWeights.METADATA_KEY) : null;
		if (raw == null) {
			return;
		}
		try {
			InstanceWeights.parse(raw);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(
					"spring.cloud.discovery.client.simple.instances." + serviceId + "[" + index + "].metadata."
							+ InstanceWeights.METADATA_KEY,
					raw, "A weight must be a positive number, such as 1 or 2.5.");
		}
	}

}
