package dev.microkit.calls;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;

import dev.microkit.calls.LoadBalancerType;

/**
 * Binds {@code load-balancer} values so that a wrong one fails with the list of accepted
 * names rather than the enum's constant names.
 */
@ConfigurationPropertiesBinding
public class LoadBalancerTypeConverter implements Converter<String, LoadBalancerType> {

	@Override
	public LoadBalancerType convert(String source) {
		return LoadBalancerType.fromConfigName(source);
	}

}
